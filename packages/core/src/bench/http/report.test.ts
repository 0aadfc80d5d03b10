import { describe, expect, it } from "vitest";
import {
  evaluateTargets,
  type LoadStats,
  MINISTRY_PAGES,
  type PageResult,
  percentile,
  renderMarkdown,
  replaceGenerated,
  type SizeRun,
  TABLE_BEGIN,
  TABLE_END,
  type Who,
} from "./report";

function load(rps: number, p95: number | null): LoadStats {
  return { connections: 8, seconds: 6, rps, p50: p95, p95, ok: Math.round(rps * 6), statuses: {}, errors: 0 };
}

function page(who: Who, path: string, rps: number, p95: number | null, extra: Partial<PageResult> = {}): PageResult {
  return { key: `${who} ${path}`, who, path, status: 200, bytes: 50_000, sql: 5, aloneMs: 20, load: load(rps, p95), ...extra };
}

function run(reports: number, pages: PageResult[]): SizeRun {
  return {
    reports,
    loadSeconds: 1,
    pages,
    writes: [
      { connections: 8, app: load(300, 40), pg: load(900, 10) },
      { connections: 32, app: load(200, 200), pg: load(1000, 40) },
    ],
  };
}

const target = (targets: ReturnType<typeof evaluateTargets>, name: string) => targets.find((t) => t.name === name);

describe("the HTTP bench's targets", () => {
  const ministry = (rps: number) => MINISTRY_PAGES.map((path) => page("director", path, rps, 100));

  it("passes pages within the ratios and misses the rest, by the numbers of the same run", () => {
    const big = run(1_000_000, [
      page("anonymous", "/help", 200, 20),
      page("anonymous", "/sign-in", 80, 50),
      ...ministry(40).filter((p) => p.path !== "/calendar"),
      page("director", "/calendar", 10, 900, { bytes: 8_700_000 }),
    ]);
    const small = run(10_000, big.pages.map((p) => ({ ...p, load: load((p.load?.rps ?? 0) * 2, 10), sql: p.key === "director /plan" ? 4 : p.sql })));
    const targets = evaluateTargets(big, small);

    expect(target(targets, "/sign-in throughput vs the floor (/help)")).toMatchObject({ measured: "40 %", pass: false });
    expect(target(targets, "director /plan: throughput vs /sign-in")).toMatchObject({ measured: "50 %", pass: true });
    expect(target(targets, "director /plan: p95 vs /sign-in")).toMatchObject({ measured: "2.00 ×", pass: true });
    expect(target(targets, "director /calendar: throughput vs /sign-in")).toMatchObject({ measured: "13 %", pass: false });
    expect(target(targets, "director /calendar: p95 vs /sign-in")).toMatchObject({ measured: "18.00 ×", pass: false });
    expect(target(targets, "director /calendar: HTML")).toMatchObject({ measured: "8700.0 kB", pass: false });
    expect(target(targets, "filing a report, 8 connections: vs plain pg")).toMatchObject({ measured: "33 %", pass: true });
    expect(target(targets, "filing a report, 8 connections: p95")).toMatchObject({ measured: "40 ms", pass: true });
    expect(target(targets, "filing a report, 32 connections: vs plain pg")).toMatchObject({ measured: "20 %", pass: false });
    expect(target(targets, "director /plan: growth 10k → 1M (time per request)")).toMatchObject({ measured: "2.00 ×", pass: false });
    expect(target(targets, "director /plan: SQL statements per request, 1M vs 10k")).toMatchObject({ measured: "5 vs 4", pass: false });
    expect(target(targets, "director /review: SQL statements per request, 1M vs 10k")).toMatchObject({ measured: "5 vs 5", pass: true });
  });

  it("reports a missing floor page as not measurable instead of failing the run", () => {
    const big = run(1_000_000, [
      page("anonymous", "/help", 0, null, { status: 307, bytes: null, sql: null, load: null, error: "missing: no public /help page on this commit" }),
      page("anonymous", "/sign-in", 80, 50),
      ...ministry(40),
    ]);
    const targets = evaluateTargets(big, run(10_000, big.pages));
    expect(target(targets, "/sign-in throughput vs the floor (/help)")).toMatchObject({ pass: null });
    expect(targets.some((t) => t.name.startsWith("anonymous /help"))).toBe(false);
    expect(renderMarkdown({
      date: "2026-12-03",
      commit: "abc1234",
      machine: { cpus: 2, cpuModel: "x", memoryGb: 4, os: "Linux", node: "20.20.2", postgres: "PostgreSQL 15" },
      settings: { seconds: 6, connections: 8, writeConnections: [8, 32] },
      runs: [big],
      targets,
    })).toContain("missing: no public /help page on this commit");
  });

  it("does not call a page that never answered at 10k a pass on growth", () => {
    const big = run(1_000_000, [page("anonymous", "/sign-in", 80, 50), page("director", "/plan", 0.3, 5000)]);
    const small = run(10_000, [page("anonymous", "/sign-in", 80, 50), page("director", "/plan", 0, null)]);
    expect(target(evaluateTargets(big, small), "director /plan: growth 10k → 1M (time per request)")).toMatchObject({
      measured: "no answer within the run at 10k",
      pass: null,
    });
    const stuck = run(1_000_000, [page("anonymous", "/sign-in", 80, 50), page("director", "/plan", 0, null)]);
    const fine = run(10_000, [page("anonymous", "/sign-in", 80, 50), page("director", "/plan", 5, 900)]);
    expect(target(evaluateTargets(stuck, fine), "director /plan: growth 10k → 1M (time per request)")).toMatchObject({ pass: false });
  });

  it("counts a page that answered with an error as a miss, with its status", () => {
    const big = run(1_000_000, [
      page("anonymous", "/sign-in", 80, 50),
      page("director", "/review", 0, null, { status: 500, bytes: null, sql: null, load: null, error: "HTTP 500" }),
    ]);
    const targets = evaluateTargets(big, undefined);
    expect(target(targets, "director /review: throughput vs /sign-in")).toMatchObject({ measured: "director /review: HTTP 500", pass: false });
  });
});

describe("docs/performance.md", () => {
  it("shows each page's share of the signed-in floor, for both viewers", () => {
    const big = run(1_000_000, [
      page("anonymous", "/help", 200, 20),
      page("anonymous", "/sign-in", 100, 30),
      page("director", "/settings", 50, 60),
      ...MINISTRY_PAGES.map((path) => page("director", path, path === "/dashboard" ? 10 : 25, 300)),
      ...MINISTRY_PAGES.map((path) => page("policy.lead", path, 40, 100)),
    ]);
    const markdown = renderMarkdown({
      date: "2026-12-03",
      commit: "abc1234",
      machine: { cpus: 2, cpuModel: "x", memoryGb: 4, os: "Linux", node: "20.20.2", postgres: "PostgreSQL 15" },
      settings: { seconds: 6, connections: 8, writeConnections: [8, 32] },
      runs: [big],
      targets: evaluateTargets(big, undefined),
    });
    expect(markdown).toContain("`/settings` as the director, 50.0 req/s");
    expect(markdown).toContain("| `/dashboard` | 20 % | 80 % |");
    expect(markdown).toContain("| `/plan` | 50 % | 80 % |");
  });


  it("replaces only the generated part and keeps what was written around it", () => {
    const doc = `# Performance\n\nintro\n\n${TABLE_BEGIN}\nold table\n${TABLE_END}\n\n## Before\nnotes\n`;
    const next = replaceGenerated(doc, "new table");
    expect(next).toBe(`# Performance\n\nintro\n\n${TABLE_BEGIN}\nnew table\n${TABLE_END}\n\n## Before\nnotes\n`);
    expect(replaceGenerated(null, "t")).toContain(`${TABLE_BEGIN}\nt\n${TABLE_END}`);
  });

  it("takes percentiles by nearest rank", () => {
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 95)).toBe(10);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 50)).toBe(5);
    expect(percentile([], 50)).toBeNull();
  });
});
