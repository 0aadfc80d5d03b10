// A browser's User-Agent header, shortened to what a person recognises: "Chrome 120 · Windows".
// Pure: no I/O. Not a full parser; anything unrecognised keeps its first 60 characters.

const BROWSERS: readonly [name: string, pattern: RegExp][] = [
  // Order matters: Edge, Opera and the Chinese browsers all say "Chrome", and Chrome says "Safari".
  ["Edge", /\bEdg(?:e|A|iOS)?\/(\d+)/],
  ["Opera", /\bOPR\/(\d+)/],
  ["WeChat", /\bMicroMessenger\/(\d+)/],
  ["QQ Browser", /\bMQQBrowser\/(\d+)|\bQQBrowser\/(\d+)/],
  ["UC Browser", /\bUCBrowser\/(\d+)/],
  ["360 Browser", /\bQihooBrowser\/(\d+)|\b360SE\b()/],
  ["Sogou Browser", /\bSE (\d+)\.X MetaSr\b/],
  ["Firefox", /\b(?:Firefox|FxiOS)\/(\d+)/],
  ["Chrome", /\b(?:Chrome|CriOS|HeadlessChrome)\/(\d+)/],
  ["Safari", /\bVersion\/(\d+)[.\d]* (?:Mobile\/\S+ )?Safari\//],
  ["curl", /^curl\/(\d+)/],
];

const SYSTEMS: readonly [name: string, pattern: RegExp][] = [
  ["iPhone", /\biPhone\b/],
  ["iPad", /\biPad\b/],
  ["HarmonyOS", /\bHarmonyOS\b|\bOpenHarmony\b/],
  ["Android", /\bAndroid\b/],
  ["Windows", /\bWindows\b/],
  ["macOS", /\bMac OS X\b|\bMacintosh\b/],
  ["ChromeOS", /\bCrOS\b/],
  ["Linux", /\bLinux\b/],
];

export function describeUserAgent(userAgent: string | null | undefined): string | null {
  const ua = userAgent?.trim();
  if (!ua) return null;
  let browser: string | null = null;
  for (const [name, pattern] of BROWSERS) {
    const match = pattern.exec(ua);
    if (match) {
      const version = match.slice(1).find((v) => v);
      browser = version ? `${name} ${version}` : name;
      break;
    }
  }
  const system = SYSTEMS.find(([, pattern]) => pattern.test(ua))?.[0] ?? null;
  if (browser && system) return `${browser} · ${system}`;
  if (browser ?? system) return browser ?? system;
  return ua.length > 60 ? `${ua.slice(0, 59)}…` : ua;
}
