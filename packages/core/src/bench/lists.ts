// `npm run bench`: the lists and search (/initiatives, /updates), the dashboard and the reporting
// calendar on a million progress reports.
//
// Runs in the fresh test database scripts/with-test-db.mjs makes: loads the demo seed and the
// synthetic data of bench-data.ts (40 departments, ~1,160 initiatives of 2018, 1,000,000 reports),
// then times the same core functions the pages call (listInitiativePage, listUpdates) — p50 and
// p95 over several runs after a warm-up — and prints the plans of the searches (EXPLAIN ANALYZE),
// which show the trigram index at work. BENCH_UPDATES=100000 loads fewer reports; BENCH_RUNS sets
// the number of timed runs; BENCH_REUSE=1 skips loading when DATABASE_URL already holds the data
// (to work on the queries: node --conditions=react-server --import tsx packages/core/src/bench/lists.ts).
import { prisma, Prisma } from "@workplan/db";
import { runSeed } from "../../../../prisma/seed/run-seed";
import { listInitiativePage } from "../operations/list-initiatives";
import { encodeCursor } from "../operations/list-query";
import { listUpdates } from "../operations/list-updates";
import { getDashboard } from "../operations/dashboard";
import { getReportingCalendar } from "../operations/reporting-calendar";
import { searchTextMatches } from "../infra/search-text";
import type { Viewer } from "../rules/policy";
import { ABSENT_TERM, BENCH_NOW, BENCH_YEAR, loadBenchData, RARE_PHRASE } from "./bench-data";

const UPDATES = Number(process.env.BENCH_UPDATES ?? 1_000_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 9);

const say = (s: string) => console.log(s);

async function viewer(email: string): Promise<Viewer> {
  return prisma.user.findUniqueOrThrow({ where: { email }, select: { id: true, role: true, departmentId: true } });
}

interface Case {
  name: string;
  run: () => Promise<{ rows: number; count: string }>;
}

function percentile(sorted: number[], p: number): number {
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] ?? NaN;
}

async function time(c: Case) {
  const first = await c.run(); // warm-up (and the row counts shown)
  const ms: number[] = [];
  for (let i = 0; i < RUNS; i += 1) {
    const started = performance.now();
    await c.run();
    ms.push(performance.now() - started);
  }
  ms.sort((a, b) => a - b);
  return { name: c.name, p50: percentile(ms, 50), p95: percentile(ms, 95), ...first };
}

async function explain(title: string, query: Prisma.Sql) {
  const rows = await prisma.$queryRaw<{ "QUERY PLAN": string }[]>`EXPLAIN (ANALYZE, COSTS OFF) ${query}`;
  say(`\n-- ${title}`);
  for (const row of rows) say(row["QUERY PLAN"]);
}

async function main() {
  const started = performance.now();
  const reuse = process.env.BENCH_REUSE === "1" && (await prisma.department.count({ where: { code: "BD01" } })) > 0;
  if (!reuse) {
    say(`bench: demo seed, then ${UPDATES.toLocaleString("en")} synthetic reports …`);
    await runSeed({ demo: true });
    await loadBenchData(prisma, UPDATES, (s) => say(`  load ${s}`));
  }
  const [departments, initiativeCount, reports] = await Promise.all([
    prisma.department.count(),
    prisma.initiative.count({ where: { plan: { year: BENCH_YEAR } } }),
    prisma.progressUpdate.count(),
  ]);
  say(`bench: ${departments} departments, ${initiativeCount} initiatives of ${BENCH_YEAR}, ${reports.toLocaleString("en")} reports`);
  // pg_trgm takes its letters from the database's character classes: under the plain "C" locale it
  // sees none in Chinese text, and the search indexes index nothing (see README, Performance).
  const [trigrams] = await prisma.$queryRaw<{ ok: boolean }[]>`SELECT show_trgm('质量') <> '{}' AS ok`;
  if (!trigrams?.ok) say("bench: WARNING: this database's locale gives pg_trgm no letters in Chinese text; searches will scan");

  const director = await viewer("director@demo.local");
  const techStaff = await viewer("tech.staff@demo.local");
  const techLead: Viewer = { ...techStaff, role: "MANAGER" };
  const now = BENCH_NOW;
  const initiatives = (who: Viewer, query: Record<string, unknown>) => async () => {
    const page = await listInitiativePage(who, { year: BENCH_YEAR, limit: 50, ...query }, { now });
    return { rows: page.items.length, count: String(page.total) };
  };
  const updates = (who: Viewer, query: Record<string, unknown>) => async () => {
    const page = await listUpdates(who, { year: BENCH_YEAR, ...query });
    return { rows: page.items.length, count: `${page.count}${page.countCapped ? "+" : ""}` };
  };
  // A page half-way down the newest-first list: the cursor of the 500,000th report.
  const [middle] = await prisma.$queryRaw<{ id: string; created_at: Date }[]>`
    SELECT id, created_at FROM progress_updates ORDER BY created_at DESC, id DESC OFFSET ${Math.floor(reports / 2)} LIMIT 1`;
  const deepCursor = middle ? encodeCursor(["newest", middle.created_at.toISOString(), middle.id]) : undefined;

  const cases: Case[] = [
    { name: "initiatives: all of 2018, by code", run: initiatives(director, {}) },
    { name: "initiatives: q=製造 (Traditional)", run: initiatives(director, { q: "製造" }) },
    { name: "initiatives: q=制造 (Simplified)", run: initiatives(director, { q: "制造" }) },
    { name: `initiatives: q=${RARE_PHRASE.slice(0, 4)} (in 1 report of 10,000)`, run: initiatives(director, { q: RARE_PHRASE.slice(0, 4) }) },
    { name: "initiatives: q=第17批 (in 1 report of 97)", run: initiatives(director, { q: "第17批" }) },
    { name: `initiatives: q=${ABSENT_TERM} (in no report)`, run: initiatives(director, { q: ABSENT_TERM }) },
    { name: "initiatives: department=BD07&health=AT_RISK", run: initiatives(director, { department: "BD07", health: "AT_RISK" }) },
    { name: "initiatives: light=RED", run: initiatives(director, { light: "RED" }) },
    { name: "initiatives: late=1&sort=-progress", run: initiatives(director, { late: "1", sort: "-progress" }) },
    { name: "initiatives: overdue=1&review=SUBMITTED", run: initiatives(director, { overdue: "1", review: "SUBMITTED" }) },
    { name: "initiatives: sort=-updated&page=10", run: initiatives(director, { sort: "-updated", page: 10 }) },
    { name: "initiatives: 科技司 staff, q=製造", run: initiatives(techStaff, { q: "製造" }) },
    { name: "updates: newest first", run: updates(director, {}) },
    { name: "updates: q=质量 (Simplified)", run: updates(director, { q: "质量" }) },
    { name: "updates: q=質量 (Traditional)", run: updates(director, { q: "質量" }) },
    { name: `updates: q=${RARE_PHRASE.slice(0, 4)} (1 in 10,000)`, run: updates(director, { q: RARE_PHRASE.slice(0, 4) }) },
    { name: "updates: q=第17批 (1 in 97)", run: updates(director, { q: "第17批" }) },
    { name: `updates: q=${ABSENT_TERM} (in none)`, run: updates(director, { q: ABSENT_TERM }) },
    { name: "updates: department=BD07", run: updates(director, { department: "BD07" }) },
    { name: "updates: review=RETURNED", run: updates(director, { review: "RETURNED" }) },
    { name: "updates: period=2018-06", run: updates(director, { period: "2018-06" }) },
    { name: "updates: department=BD07&period=2018-03&review=APPROVED", run: updates(director, { department: "BD07", period: "2018-03", review: "APPROVED" }) },
    { name: "updates: health=OFF_TRACK&q=制造", run: updates(director, { health: "OFF_TRACK", q: "制造" }) },
    { name: "updates: sort=progress", run: updates(director, { sort: "progress" }) },
    { name: "updates: deep keyset page (500,000th)", run: updates(director, { cursor: deepCursor }) },
    { name: "updates: 科技司 staff, newest", run: updates(techStaff, {}) },
    { name: "updates: 科技司 staff, q=制造", run: updates(techStaff, { q: "制造" }) },
    {
      name: "dashboard: the whole ministry (/dashboard)",
      run: async () => {
        const d = await getDashboard(director, { year: BENCH_YEAR, now });
        return { rows: d.departments.length, count: String(d.totals.initiatives) };
      },
    },
    {
      name: "dashboard: 科技司 manager's scope",
      run: async () => {
        const d = await getDashboard(techLead, { year: BENCH_YEAR, now });
        return { rows: d.departments.length, count: String(d.totals.initiatives) };
      },
    },
    {
      name: "reporting calendar: the whole ministry (/calendar)",
      run: async () => {
        const c = await getReportingCalendar(director, { year: BENCH_YEAR, now });
        return { rows: c.departments.length, count: String(c.departments.reduce((n, d) => n + d.initiatives.length, 0)) };
      },
    },
  ];

  say(`\nbench: ${RUNS} timed runs per case after one warm-up (ms)\n`);
  const results = [];
  for (const c of cases) results.push(await time(c));
  const width = Math.max(...results.map((r) => r.name.length)) + 2;
  say(`${"case".padEnd(width)}${"p50".padStart(9)}${"p95".padStart(9)}${"rows".padStart(7)}${"count".padStart(9)}`);
  for (const r of results) {
    say(`${r.name.padEnd(width)}${r.p50.toFixed(1).padStart(9)}${r.p95.toFixed(1).padStart(9)}${String(r.rows).padStart(7)}${r.count.padStart(9)}`);
  }

  say("\nbench: plans of the searches (the SQL listUpdates and listInitiativePage send)");
  await explain(
    "updates q=质量, newest first: few enough reports to read newest first and keep the matches",
    Prisma.sql`SELECT u.id FROM progress_updates u WHERE ${searchTextMatches("u", "质量")} ORDER BY u.created_at DESC, u.id DESC LIMIT 51`,
  );
  await explain(
    `updates q=${RARE_PHRASE.slice(0, 4)}: the trigram index on the doubled text (progress_updates_search_pairs)`,
    Prisma.sql`SELECT u.id FROM progress_updates u WHERE ${searchTextMatches("u", RARE_PHRASE.slice(0, 4))} ORDER BY u.created_at DESC, u.id DESC LIMIT 51`,
  );
  await explain(
    `updates q=${ABSENT_TERM}, counted (capped at 1,001)`,
    Prisma.sql`SELECT count(*) FROM (SELECT 1 FROM progress_updates u WHERE ${searchTextMatches("u", ABSENT_TERM)} LIMIT 1001) s`,
  );
  await explain(
    `initiatives q=${RARE_PHRASE.slice(0, 4)}: initiatives with a report that says it`,
    Prisma.sql`SELECT i.id FROM initiatives i WHERE i.archived_at IS NULL
                 AND EXISTS (SELECT 1 FROM progress_updates u WHERE u.initiative_id = i.id AND ${searchTextMatches("u", RARE_PHRASE.slice(0, 4))})`,
  );
  say(`\nbench: done in ${Math.round((performance.now() - started) / 1000)} s`);
}

main()
  .then(async () => {
    await prisma.$disconnect();
    process.exit(0);
  })
  .catch(async (error: unknown) => {
    console.error(error);
    await prisma.$disconnect();
    process.exit(1);
  });
