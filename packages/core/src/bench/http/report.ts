// `npm run bench:http`: what one run measured, the targets of issue 9 as ratios from that run, and the
// table of docs/performance.md. Pure functions: no I/O, unit-tested in report.test.ts.

/** One autocannon run (or the same loop on plain pg): throughput and latency of the 2xx answers. */
export interface LoadStats {
  connections: number;
  seconds: number;
  /** 2xx answers per second. */
  rps: number;
  /** Latency of the 2xx answers, ms; null when none came back within the run. */
  p50: number | null;
  p95: number | null;
  ok: number;
  /** Answers other than 2xx, by status. */
  statuses: Record<string, number>;
  /** Connection errors and timeouts. */
  errors: number;
}

export type Who = "anonymous" | "director" | "policy.lead" | "director (token)";

export interface PageResult {
  /** Stable key, e.g. "director /plan". */
  key: string;
  who: Who;
  path: string;
  /** Status of the first request; null when it could not be made. */
  status: number | null;
  /** Why it was not measured: "missing (HTTP 404)", "HTTP 500", a connection error. */
  error?: string;
  /** Bytes of the (uncompressed) body. */
  bytes: number | null;
  /** SQL statements the server sent per request (median of a few sequential requests). */
  sql: number | null;
  /** One request alone, ms (median of the same sequential requests). */
  aloneMs: number | null;
  load: LoadStats | null;
}

export interface WriteResult {
  connections: number;
  /** POST /api/v1/initiatives/{id}/updates */
  app: LoadStats;
  /** The same transaction in plain pg: lock the initiative, insert the report and its audit row, bump the version. */
  pg: LoadStats;
}

export interface SizeRun {
  reports: number;
  loadSeconds: number;
  pages: PageResult[];
  writes: WriteResult[];
}

export interface Machine {
  cpus: number;
  cpuModel: string;
  memoryGb: number;
  os: string;
  node: string;
  postgres: string;
  /** The 1-minute load average when the run started and ended: other work on the machine skews the figures. */
  loadAverage?: { start: number; end: number };
}

export interface Target {
  name: string;
  measured: string;
  goal: string;
  /** null: could not be measured in this run (e.g. the page is missing). */
  pass: boolean | null;
}

export interface BenchHttpResult {
  date: string;
  commit: string;
  machine: Machine;
  settings: { seconds: number; connections: number; writeConnections: number[] };
  runs: SizeRun[];
  targets: Target[];
}

export const FLOOR_PATH = "/help";
export const SIGN_IN_PATH = "/sign-in";
/**
 * The cheapest signed-in page (the session, the app's header, one small read): what any page rendered
 * per request costs in this framework before it does any work of its own. Not a target; the pages'
 * share of it says how much of their cost is their own.
 */
export const SIGNED_IN_FLOOR_PATH = "/settings";
export const MINISTRY_PAGES = ["/dashboard", "/plan", "/calendar", "/review", "/initiatives?q=制造", "/updates", "/reports?period=2018-06"] as const;
export const API_LIST_PATH = "/api/v1/initiatives";
export const HTML_LIMIT_BYTES = 300_000;

const ratio = (a: number, b: number) => (b > 0 ? a / b : Number.NaN);
const pct = (r: number) => (Number.isFinite(r) ? `${Math.round(r * 100)} %` : "–");
const times = (r: number) => (Number.isFinite(r) ? `${r.toFixed(2)} ×` : "–");

function measured(page: PageResult | undefined): page is PageResult & { load: LoadStats } {
  return page !== undefined && page.load !== null && page.error === undefined;
}

function why(page: PageResult | undefined, path: string): string {
  if (!page) return `${path} not measured`;
  return `${page.key}: ${page.error ?? "no answer within the run"}`;
}

/** The targets of issue 9, each as a ratio from this run. `big` is the 1,000,000-report run, `small` the growth run. */
export function evaluateTargets(big: SizeRun, small: SizeRun | undefined): Target[] {
  const targets: Target[] = [];
  const find = (run: SizeRun | undefined, key: string) => run?.pages.find((p) => p.key === key);
  const floor = find(big, `anonymous ${FLOOR_PATH}`);
  const signIn = find(big, `anonymous ${SIGN_IN_PATH}`);

  if (measured(floor) && measured(signIn)) {
    const r = ratio(signIn.load.rps, floor.load.rps);
    targets.push({ name: `${SIGN_IN_PATH} throughput vs the floor (${FLOOR_PATH})`, measured: pct(r), goal: "≥ 50 %", pass: r >= 0.5 });
  } else {
    targets.push({
      name: `${SIGN_IN_PATH} throughput vs the floor (${FLOOR_PATH})`,
      measured: measured(floor) ? why(signIn, SIGN_IN_PATH) : why(floor, FLOOR_PATH),
      goal: "≥ 50 %",
      pass: null,
    });
  }

  for (const path of MINISTRY_PAGES) {
    const page = find(big, `director ${path}`);
    const label = `director ${path}`;
    if (!measured(page)) {
      targets.push({ name: `${label}: throughput vs ${SIGN_IN_PATH}`, measured: why(page, path), goal: "≥ 25 %", pass: page ? false : null });
    } else if (!measured(signIn)) {
      targets.push({ name: `${label}: throughput vs ${SIGN_IN_PATH}`, measured: why(signIn, SIGN_IN_PATH), goal: "≥ 25 %", pass: null });
    } else {
      const r = ratio(page.load.rps, signIn.load.rps);
      targets.push({ name: `${label}: throughput vs ${SIGN_IN_PATH}`, measured: pct(r), goal: "≥ 25 %", pass: r >= 0.25 });
      const p95 = page.load.p95;
      const base = signIn.load.p95;
      if (p95 === null || base === null) {
        targets.push({ name: `${label}: p95 vs ${SIGN_IN_PATH}`, measured: "no answer within the run", goal: "≤ 4 ×", pass: p95 === null ? false : null });
      } else {
        const t = ratio(p95, base);
        targets.push({ name: `${label}: p95 vs ${SIGN_IN_PATH}`, measured: times(t), goal: "≤ 4 ×", pass: t <= 4 });
      }
    }
    if (page?.bytes != null) {
      targets.push({ name: `${label}: HTML`, measured: `${(page.bytes / 1000).toFixed(1)} kB`, goal: "≤ 300 kB", pass: page.bytes <= HTML_LIMIT_BYTES });
    } else {
      targets.push({ name: `${label}: HTML`, measured: why(page, path), goal: "≤ 300 kB", pass: page ? false : null });
    }
  }

  for (const write of big.writes) {
    const r = ratio(write.app.rps, write.pg.rps);
    targets.push({ name: `filing a report, ${write.connections} connections: vs plain pg`, measured: pct(r), goal: "≥ 30 %", pass: r >= 0.3 });
    if (write.connections === 8) {
      const p95 = write.app.p95;
      targets.push({ name: "filing a report, 8 connections: p95", measured: p95 === null ? "no answer" : `${Math.round(p95)} ms`, goal: "< 50 ms", pass: p95 !== null && p95 < 50 });
    }
  }

  if (!small) {
    targets.push({ name: "growth and SQL statements per request", measured: "no growth run", goal: "", pass: null });
    return targets;
  }
  for (const page of big.pages) {
    if (page.path === FLOOR_PATH && page.error) continue; // reported above
    const other = find(small, page.key);
    if (measured(page) && measured(other)) {
      const name = `${page.key}: growth 10k → 1M (time per request)`;
      if (page.load.rps > 0 && other.load.rps > 0) {
        const g = growth(page, other);
        targets.push({ name, measured: times(g), goal: "≤ 1.5 ×", pass: g <= 1.5 });
      } else if (other.load.rps > 0) {
        targets.push({ name, measured: "no answer within the run at 1M", goal: "≤ 1.5 ×", pass: false });
      } else {
        // Nothing to compare with: the page did not answer within the run at 10k either.
        targets.push({ name, measured: `no answer within the run at 10k${page.load.rps > 0 ? "" : " nor at 1M"}`, goal: "≤ 1.5 ×", pass: null });
      }
    } else {
      targets.push({ name: `${page.key}: growth 10k → 1M (time per request)`, measured: measured(page) ? why(other, page.path) : why(page, page.path), goal: "≤ 1.5 ×", pass: page.error || other?.error ? false : null });
    }
    if (page.sql !== null && other?.sql != null) {
      targets.push({
        name: `${page.key}: SQL statements per request, 1M vs 10k`,
        measured: `${fmt(page.sql)} vs ${fmt(other.sql)}`,
        goal: "equal",
        pass: page.sql === other.sql,
      });
    }
  }
  return targets;
}

/** How much slower a page is at 1M reports than at 10k: the ratio of throughput (time per request at 8 connections). */
export function growth(big: PageResult & { load: LoadStats }, small: PageResult & { load: LoadStats }): number {
  if (big.load.rps === 0) return Number.POSITIVE_INFINITY;
  return ratio(small.load.rps, big.load.rps);
}

function kB(bytes: number): string {
  return `${(bytes / 1000).toFixed(bytes < 10_000 ? 1 : 0)} kB`;
}

function fmt(n: number | null | undefined, digits = 0): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return "–";
  return n.toFixed(digits);
}

function ms(n: number | null | undefined): string {
  return n === null || n === undefined ? "–" : `${Math.round(n)}`;
}

function statusNote(load: LoadStats | null): string {
  if (!load) return "";
  const parts = Object.entries(load.statuses).map(([status, count]) => `${count}× HTTP ${status}`);
  if (load.errors > 0) parts.push(`${load.errors} errors/timeouts`);
  return parts.join(", ");
}

export const TABLE_BEGIN = "<!-- bench:http:begin (written by npm run bench:http) -->";
export const TABLE_END = "<!-- bench:http:end -->";

/** The generated part of docs/performance.md. */
export function renderMarkdown(result: BenchHttpResult): string {
  const [big, small] = result.runs;
  const m = result.machine;
  const lines: string[] = [];
  lines.push(
    `Run of ${result.date} on commit \`${result.commit}\`: ${m.cpus} cores (${m.cpuModel}), ${m.memoryGb} GB memory, ${m.os}, ` +
      `Node.js ${m.node}, ${m.postgres}. Everything on one box: PostgreSQL, \`next start\` and autocannon share the cores. ` +
      `Each load run: ${result.settings.seconds} s at ${result.settings.connections} connections; latency in ms.` +
      (m.loadAverage ? ` Load average (1 min) ${m.loadAverage.start.toFixed(1)} at the start, ${m.loadAverage.end.toFixed(1)} at the end.` : ""),
    "",
  );
  if (big) {
    lines.push(
      `| page | as | HTML | SQL / request | alone | req/s | p50 | p95 | ${small ? `req/s at ${small.reports.toLocaleString("en")} | growth | SQL at ${small.reports.toLocaleString("en")} | ` : ""}notes |`,
      `|---|---|---:|---:|---:|---:|---:|---:|${small ? "---:|---:|---:|" : ""}---|`,
    );
    for (const page of big.pages) {
      const other = small?.pages.find((p) => p.key === page.key);
      const g = measured(page) && measured(other) && page.load.rps > 0 && other.load.rps > 0 ? times(growth(page, other)) : "–";
      const note = page.error ?? statusNote(page.load);
      lines.push(
        `| \`${page.path}\` | ${page.who} | ${page.bytes === null ? "–" : kB(page.bytes)} | ${fmt(page.sql)} | ${ms(page.aloneMs)} | ${fmt(page.load?.rps, 1)} | ${ms(page.load?.p50)} | ${ms(page.load?.p95)} | ` +
          `${small ? `${fmt(other?.load?.rps, 1)} | ${g} | ${fmt(other?.sql)} | ` : ""}${note} |`,
      );
    }
    lines.push("", `At ${big.reports.toLocaleString("en")} reports (loaded in ${Math.round(big.loadSeconds)} s).`, "");
    const floor = big.pages.find((p) => p.key === `director ${SIGNED_IN_FLOOR_PATH}`);
    if (measured(floor) && floor.load.rps > 0) {
      lines.push(
        `Each page's throughput as a share of the signed-in floor (\`${SIGNED_IN_FLOOR_PATH}\` as the director, ${fmt(floor.load.rps, 1)} req/s: ` +
          "the session, the header and one small read, rendered per request), i.e. how much of a page's cost is its own:",
        "",
        "| page | director | policy.lead |",
        "|---|---:|---:|",
      );
      for (const path of MINISTRY_PAGES) {
        const share = (who: Who) => {
          const page = big.pages.find((p) => p.key === `${who} ${path}`);
          return measured(page) ? pct(ratio(page.load.rps, floor.load.rps)) : "–";
        };
        lines.push(`| \`${path}\` | ${share("director")} | ${share("policy.lead")} |`);
      }
      lines.push("");
    }
    if (big.writes.length > 0) {
      lines.push(
        "Filing a report: `POST /api/v1/initiatives/{id}/updates` (each connection a department's staff token, over its 30 initiatives) " +
          "next to the same transaction in plain `pg` (lock the initiative, insert the report and its audit row, bump the version), same database:",
        "",
        "| connections | app req/s | app p50 | app p95 | pg req/s | pg p50 | pg p95 | app / pg | notes |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---|",
      );
      for (const w of big.writes) {
        lines.push(
          `| ${w.connections} | ${fmt(w.app.rps, 1)} | ${ms(w.app.p50)} | ${ms(w.app.p95)} | ${fmt(w.pg.rps, 1)} | ${ms(w.pg.p50)} | ${ms(w.pg.p95)} | ${pct(ratio(w.app.rps, w.pg.rps))} | ${statusNote(w.app)} |`,
        );
      }
      lines.push("");
    }
  }
  const passed = result.targets.filter((t) => t.pass === true).length;
  const missed = result.targets.filter((t) => t.pass === false).length;
  const unknown = result.targets.filter((t) => t.pass === null).length;
  lines.push(`Targets: ${passed} met, ${missed} missed, ${unknown} not measurable.`, "", "| target | measured | goal | |", "|---|---|---|---|");
  for (const t of result.targets) lines.push(`| ${t.name} | ${t.measured} | ${t.goal} | ${mark(t.pass)} |`);
  return lines.join("\n");
}

export function mark(pass: boolean | null): string {
  return pass === true ? "pass" : pass === false ? "MISS" : "n/a";
}

/** docs/performance.md with the generated part replaced (or added, with a heading, when absent). */
export function replaceGenerated(document: string | null, generated: string): string {
  const block = `${TABLE_BEGIN}\n${generated}\n${TABLE_END}`;
  if (document === null) {
    return `# Performance\n\n## HTTP bench (\`npm run bench:http\`)\n\n${block}\n`;
  }
  const begin = document.indexOf(TABLE_BEGIN);
  const end = document.indexOf(TABLE_END);
  if (begin === -1 || end === -1 || end < begin) return `${document.trimEnd()}\n\n## HTTP bench (\`npm run bench:http\`)\n\n${block}\n`;
  return document.slice(0, begin) + block + document.slice(end + TABLE_END.length);
}

/** Percentile of an ascending list (nearest rank); null for an empty list. */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] ?? null;
}

/** Median of a list of numbers; null when empty. */
export function median(values: readonly number[]): number | null {
  return percentile([...values].sort((a, b) => a - b), 50);
}
