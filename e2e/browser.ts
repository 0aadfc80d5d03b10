import { existsSync } from "node:fs";
import { chromium } from "@playwright/test";

/** Playwright's own Chromium when installed, else Debian's; null when neither exists. */
export function chromiumExecutable(): string | undefined | null {
  try {
    if (existsSync(chromium.executablePath())) return undefined; // Playwright's own
  } catch {
    // not installed
  }
  for (const candidate of [process.env.PLAYWRIGHT_CHROMIUM, "/usr/bin/chromium", "/usr/bin/chromium-browser"]) {
    if (candidate && existsSync(candidate)) return candidate;
  }
  return null;
}
