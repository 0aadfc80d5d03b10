// Synthetic data for `npm run bench`: 40 departments (the demo seed's 2 and 38 more), their 2018
// plans with ~30 initiatives each, and a million progress reports whose text mixes Traditional and
// Simplified phrases (製造/制造, 質量/质量, …). Loaded with INSERT … SELECT generate_series in SQL,
// not row by row; pseudo-random choices come from hashint8extended(g, seed), so every run loads the
// same data.
//
// Ids are of the app's own form (idSchema in operations/get-initiative.ts: 20–40 of [a-z0-9]), so the
// bench's initiatives and reports can be opened, reviewed and written to through the interface and the
// API: a fixed prefix of letters and a zero-padded number (for the users, whose departments include the
// demo seed's, the md5 of the department code instead; the prefixes start with "b"; cuids start
// with "c", so they never collide with rows the app makes). The same formulas in SQL and in TypeScript
// (benchIds below, for tests and the HTTP bench).
import { createHash } from "node:crypto";
import type { PrismaClientType } from "@workplan/db";
import { normalizeForSearch } from "../rules/chinese";
import { refreshRollups } from "../operations/refresh-rollups";

export const BENCH_YEAR = 2018;
/** The bench's clock: 27 November 2018, 12:00 Beijing time (this month's reports are due on the 25th). */
export const BENCH_NOW = new Date("2018-11-27T04:00:00Z");
export const BENCH_DEPARTMENTS = 38;
export const INITIATIVES_PER_PLAN = 30;

/** One phrase in a hundred thousand rows: a rare term for the search benchmark. */
export const RARE_PHRASE = "稀土永磁材料攻關";
/** In no report at all: the worst case for a search that stops at the first page. */
export const ABSENT_TERM = "量子通信";

const WORK_DONE = [
  "推進智能製造試點示範項目建設",
  "推进智能制造试点示范项目建设",
  "開展工業產品質量提升行動",
  "开展工业产品质量提升行动",
  "完成製造業創新中心建設方案論證",
  "组织召开质量品牌建设座谈会",
  "修訂行業標準三項並報批",
  "完成年度预算执行情况分析",
  "赴重點企業開展實地調研",
  "推动新能源汽车产业健康发展",
  "加強工業控制系統網絡安全保障",
  "落实减税降费各项政策措施",
  "起草專項規劃徵求意見稿",
  "召开部际协调会议研究部署重点任务",
  "完善運行監測與統計分析體系",
  "开展安全生产大检查",
  "組織專家評審年度申報項目",
  "推进工业互联网平台建设和推广",
  "發布重點新材料首批次應用示範指導目錄",
  "支持中小企业专精特新发展",
  "推動軟件和信息技術服務業發展",
  "开展绿色工厂和绿色园区评价",
  "完成技術改造專項資金下達",
  "举办产融对接洽谈活动",
  "梳理產業鏈供應鏈短板清單",
  "编制重点行业产能预警报告",
  "開展節能監察和能效對標",
  "推进5G商用部署和应用试点",
  "組織開展首台套重大技術裝備保險補償",
  "开展消费品工业增品种提品质创品牌专项行动",
  "完成國家新型工業化產業示範基地複核",
  "推动民用爆炸物品行业安全整治",
  "研究制定促進產業轉移的指導意見",
  "督促地方落实化解过剩产能任务",
  "開展工業企業知識產權運用試點",
  "组织申报制造业单项冠军企业",
];
const PROBLEMS = [
  "部分地方配套資金到位較慢",
  "企业申报积极性有待提高",
  "跨部門協調難度較大",
  "数据报送不够及时准确",
  "",
  "",
  "個別項目進度滯後於計劃",
  "专业技术人才不足",
];
const NEXT_STEPS = [
  "下一步將加快推進項目落地",
  "继续跟踪督促整改落实",
  "按計劃組織開展驗收",
  "加强与地方的沟通协调",
  "抓緊完善配套政策文件",
  "做好年度总结和明年工作谋划",
];
const TITLES = [
  "建設國家製造業創新中心",
  "实施工业强基工程",
  "開展質量品牌提升行動",
  "推进智能制造试点示范",
  "發展工業互聯網",
  "推动绿色制造体系建设",
  "加快新材料產業發展",
  "培育专精特新中小企业",
  "推進兩化深度融合",
  "提升产品质量安全水平",
  "落實降成本各項措施",
  "推动产业转移和区域协调发展",
  "促進軟件和信息服務業發展",
  "加强工业节能与综合利用",
  "完善行業標準體系",
];
const DEPARTMENT_NAMES = [
  "规划司", "政策法规司", "运行监测协调局", "中小企业局", "节能与综合利用司", "安全生产司", "原材料工业司",
  "装备工业司", "消费品工业司", "军民结合推进司", "电子信息司", "软件服务业司", "通信发展司", "电信管理局",
  "通信保障局", "无线电管理局", "信息化推进司", "网络安全管理局", "财务司", "人事教育司", "国际合作司",
  "办公厅", "政策研究室", "质量发展司", "产业转移司", "标准司", "统计司", "行业监管司", "新材料司",
  "智能制造司", "工业互联网司", "数据管理司", "创新促进司", "产融合作司", "区域协调司", "绿色发展司",
  "人才工作司", "监督检查司",
];

/** The bench's ids, as the SQL below makes them: deterministic, 20–40 characters of [a-z0-9]. */
export const benchIds = {
  /** Bench department n (1–38), code BD01…BD38. */
  department: (n: number) => `benchdept${String(n).padStart(11, "0")}`,
  plan: (department: number) => `benchplan${String(department).padStart(11, "0")}`,
  theme: (department: number, theme: number) => `benchtheme${String(department * 10 + theme).padStart(10, "0")}`,
  /** Initiative k (1–30) of bench department n: code BDnn-2018-t.o. */
  initiative: (department: number, k: number) => `benchinit${String(department * 1000 + k).padStart(11, "0")}`,
  /** The staff user made for every department (the demo seed's too), by department code. */
  staffUser: (departmentCode: string) => `benchuser${createHash("md5").update(departmentCode).digest("hex").slice(0, 20)}`,
  /** Report g (1…updates). */
  update: (g: number) => `benchreport${String(g).padStart(12, "0")}`,
};

// The same in SQL; `d` is a bench department's number, from its code (BD07 → 7).
const SQL_DEPARTMENT_NUMBER = (code: string) => `substr(${code}, 3)::int`;
const sqlPlanId = (code: string) => `'benchplan' || lpad(${SQL_DEPARTMENT_NUMBER(code)}::text, 11, '0')`;
const sqlStaffUserId = (code: string) => `'benchuser' || substr(md5(${code}), 1, 20)`;

function normalized(list: readonly string[]): string[] {
  return list.map((p) => normalizeForSearch(p));
}

export interface BenchDataSummary {
  departments: number;
  initiatives: number;
  updates: number;
  seconds: Record<string, number>;
}

/** Load the synthetic data into a database that holds the demo seed. */
export async function loadBenchData(db: PrismaClientType, updates = 1_000_000, log: (s: string) => void = () => {}): Promise<BenchDataSummary> {
  const seconds: Record<string, number> = {};
  const timed = async <T>(label: string, run: () => Promise<T>): Promise<T> => {
    const started = performance.now();
    const result = await run();
    seconds[label] = Math.round(performance.now() - started) / 1000;
    log(`${label}: ${seconds[label]} s`);
    return result;
  };

  await timed("plans and initiatives", async () => {
    await db.$executeRawUnsafe(
      `INSERT INTO departments (id, code, name_zh_hans, name_zh_hant, name_en, updated_at)
       SELECT 'benchdept' || lpad(d::text, 11, '0'), 'BD' || lpad(d::text, 2, '0'), n, n, 'Bench department ' || d, now()
         FROM unnest($1::text[]) WITH ORDINALITY AS t(n, d)`,
      DEPARTMENT_NAMES.slice(0, BENCH_DEPARTMENTS),
    );
    await db.$executeRawUnsafe(
      `INSERT INTO work_plans (id, department_id, year, status, heading, preamble, source_document, updated_at)
       SELECT ${sqlPlanId("d.code")}, d.id, $1::int, 'ACTIVE', $1::int || '年工作計劃', '', '', now()
         FROM departments d WHERE d.id LIKE 'benchdept%'`,
      BENCH_YEAR,
    );
    await db.$executeRawUnsafe(
      `INSERT INTO themes (id, plan_id, ordinal, code, title, intro, source_paragraph, updated_at)
       SELECT 'benchtheme' || lpad((${SQL_DEPARTMENT_NUMBER("d.code")} * 10 + t)::text, 10, '0'), ${sqlPlanId("d.code")}, t, d.code || '-' || $1::int || '-' || t,
              ($2::text[])[t], '', '', now()
         FROM departments d CROSS JOIN generate_series(1, 3) t WHERE d.id LIKE 'benchdept%'`,
      BENCH_YEAR,
      ["著力推進中國製造向中國創造轉變", "全面提升產品質量和品牌建設", "推動產業結構優化升級"],
    );
    const titles = TITLES;
    await db.$executeRawUnsafe(
      `INSERT INTO initiatives (id, plan_id, theme_id, department_id, ordinal, code, title, original_text, source_paragraph,
                               due_date, search_text, updated_at)
       SELECT 'benchinit' || lpad((${SQL_DEPARTMENT_NUMBER("d.code")} * 1000 + k)::text, 11, '0'), ${sqlPlanId("d.code")},
              'benchtheme' || lpad((${SQL_DEPARTMENT_NUMBER("d.code")} * 10 + 1 + (k - 1) / 10)::text, 10, '0'),
              d.id, 1 + (k - 1) % 10, c.icode, c.ititle, o.original, o.original,
              make_date($1::int, 3 + (k % 10), 28), lower(c.icode) || E'\\n' || c.ntitle || E'\\n' || o.noriginal, now()
         FROM departments d CROSS JOIN generate_series(1, $2::int) k
         CROSS JOIN LATERAL (SELECT d.code || '-' || $1::int || '-' || (1 + (k - 1) / 10) || '.' || (1 + (k - 1) % 10) AS icode,
                                    ($3::text[])[1 + (k + abs(hashtext(d.code)) % 7) % cardinality($3::text[])] AS ititle,
                                    ($4::text[])[1 + (k + abs(hashtext(d.code)) % 7) % cardinality($4::text[])] AS ntitle) c
         CROSS JOIN LATERAL (SELECT c.ititle || '，年內完成' || (k % 5 + 1) || '項重點任務' AS original,
                                    c.ntitle || '，年内完成' || (k % 5 + 1) || '项重点任务' AS noriginal) o
        WHERE d.id LIKE 'benchdept%'`,
      BENCH_YEAR,
      INITIATIVES_PER_PLAN,
      titles,
      normalized(titles),
    );
    // Every bench department's first initiative is co-operated by 科技司 (its staff see those too).
    await db.$executeRawUnsafe(
      `INSERT INTO initiative_cooperations (initiative_id, department_id)
       SELECT i.id, (SELECT id FROM departments WHERE code = 'KJS') FROM initiatives i WHERE i.id LIKE 'benchinit%' AND i.code LIKE '%-1.1'`,
    );
    await db.$executeRawUnsafe(
      `INSERT INTO users (id, email, name, role, department_id, updated_at)
       SELECT ${sqlStaffUserId("d.code")}, 'bench.' || lower(d.code) || '@bench.local', d.name_zh_hans || '干部', 'STAFF', d.id, now()
         FROM departments d`,
    );
  });

  // Loading a million rows is much faster without the secondary indexes (and the per-row trigger of
  // the monthly roll-up): drop them, load, and build them again from their own definitions.
  const indexes = await db.$queryRawUnsafe<{ name: string; def: string }[]>(
    `SELECT indexname AS name, indexdef AS def FROM pg_indexes
      WHERE tablename = 'progress_updates' AND indexname <> 'progress_updates_pkey'`,
  );
  await timed("reports", async () => {
    await db.$transaction(
      async (tx) => {
        for (const index of indexes) await tx.$executeRawUnsafe(`DROP INDEX "${index.name}"`);
        await tx.$executeRawUnsafe(`ALTER TABLE progress_updates DISABLE TRIGGER USER`);
        await tx.$executeRawUnsafe(`CREATE TEMP TABLE bench_targets ON COMMIT DROP AS
          SELECT (row_number() OVER (ORDER BY i.code) - 1)::int AS idx, i.id, i.department_id, u.id AS author
            FROM initiatives i JOIN work_plans p ON p.id = i.plan_id
            JOIN users u ON u.id = ${sqlStaffUserId("(SELECT code FROM departments WHERE id = i.department_id)")}
           WHERE p.year = ${BENCH_YEAR} AND i.archived_at IS NULL`);
        await tx.$executeRawUnsafe(
          `INSERT INTO progress_updates (id, initiative_id, author_id, department_id, period, progress, health, health_suggested,
                                         work_done, problems, next_steps, status, search_text, created_at, updated_at)
           SELECT 'benchreport' || lpad(g::text, 12, '0'), t.id, t.author, t.department_id, make_date($1::int, m, 1),
                  least(100, m * 8 + (abs(hashint8extended(g, 5)) % 10)::int),
                  h::"Health", h::"Health", wd, nullif(pr, ''), ns,
                  (CASE WHEN r < 3 THEN 'RETURNED' WHEN r < 10 OR m = 11 THEN 'SUBMITTED' ELSE 'APPROVED' END)::"UpdateStatus",
                  nwd || E'\\n' || npr || E'\\n' || nns,
                  at, at
             FROM generate_series(1, $2::int) g
             CROSS JOIN LATERAL (SELECT (abs(hashint8extended(g, 1)) % cardinality($3::text[]))::int + 1 AS a,
                                        (abs(hashint8extended(g, 2)) % cardinality($3::text[]))::int + 1 AS b,
                                        (abs(hashint8extended(g, 3)) % cardinality($5::text[]))::int + 1 AS c,
                                        (abs(hashint8extended(g, 4)) % cardinality($7::text[]))::int + 1 AS e,
                                        (abs(hashint8extended(g, 6)) % 100)::int AS r,
                                        (SELECT count(*) FROM bench_targets)::int AS n) x
             JOIN bench_targets t ON t.idx = g % x.n
             -- Months 1–11; in November (this month) a third of the initiatives have not reported yet.
             CROSS JOIN LATERAL (SELECT CASE WHEN 1 + (g / x.n) % 11 = 11 AND t.idx % 3 = 0 THEN 10 ELSE 1 + ((g / x.n) % 11)::int END AS m) mm
             CROSS JOIN LATERAL (SELECT (ARRAY['ON_TRACK','ON_TRACK','ON_TRACK','AT_RISK','OFF_TRACK'])[1 + (abs(hashint8extended(g, 7)) % 5)::int] AS h,
                                        make_timestamp($1::int, mm.m, 1, 0, 0, 0) + (abs(hashint8extended(g, 8)) % (CASE WHEN mm.m = 11 THEN 26 ELSE 28 END * 86400)) * interval '1 second'
                                          + (g % 1000) * interval '1 millisecond' AS at) hh
             CROSS JOIN LATERAL (SELECT ($3::text[])[x.a] || '，' || ($3::text[])[x.b] || CASE WHEN g % 10000 = 7 THEN '，' || $9::text ELSE '' END || '（第' || (g % 97) || '批）。' AS wd,
                                        ($4::text[])[x.a] || '，' || ($4::text[])[x.b] || CASE WHEN g % 10000 = 7 THEN '，' || $10::text ELSE '' END || '（第' || (g % 97) || '批）。' AS nwd,
                                        ($5::text[])[x.c] AS pr, ($6::text[])[x.c] AS npr, ($7::text[])[x.e] AS ns, ($8::text[])[x.e] AS nns) txt`,
          BENCH_YEAR,
          updates,
          WORK_DONE,
          normalized(WORK_DONE),
          PROBLEMS,
          normalized(PROBLEMS),
          NEXT_STEPS,
          normalized(NEXT_STEPS),
          RARE_PHRASE,
          normalizeForSearch(RARE_PHRASE),
        );
        await tx.$executeRawUnsafe(`ALTER TABLE progress_updates ENABLE TRIGGER USER`);
      },
      { timeout: 30 * 60_000, maxWait: 60_000 },
    );
  });
  await timed("indexes", async () => {
    await db.$transaction(
      async (tx) => {
        await tx.$executeRawUnsafe(`SET LOCAL maintenance_work_mem = '512MB'`);
        for (const index of indexes) await tx.$executeRawUnsafe(index.def);
      },
      { timeout: 30 * 60_000, maxWait: 60_000 },
    );
  });
  await timed("roll-ups", async () => {
    // What the trigger would have kept: the lead department's reports per initiative and month.
    await db.$executeRawUnsafe(`DELETE FROM initiative_months`);
    await db.$executeRawUnsafe(`
      INSERT INTO initiative_months (initiative_id, period, first_report_at, last_report_at, progress, report_count)
      SELECT u.initiative_id, u.period, min(u.created_at), max(u.created_at),
             (array_agg(u.progress ORDER BY u.created_at DESC, u.id DESC))[1], count(*)::int
        FROM progress_updates u JOIN initiatives i ON i.id = u.initiative_id AND i.department_id = u.department_id
       GROUP BY u.initiative_id, u.period`);
    // … and the reports awaiting review per initiative and reporting department.
    await db.$executeRawUnsafe(`DELETE FROM review_backlog`);
    await db.$executeRawUnsafe(`
      INSERT INTO review_backlog (initiative_id, department_id, submitted)
      SELECT initiative_id, department_id, count(*)::int FROM progress_updates
       WHERE status = 'SUBMITTED' GROUP BY initiative_id, department_id`);
    // The initiatives' headline: their latest lead-department report.
    await db.$executeRawUnsafe(`
      UPDATE initiatives i SET progress = l.progress, health = l.health, last_update_at = l.created_at, version = version + 1
        FROM (SELECT DISTINCT ON (u.initiative_id) u.initiative_id, u.progress, u.health, u.created_at
                FROM progress_updates u JOIN initiatives i2 ON i2.id = u.initiative_id AND i2.department_id = u.department_id
               ORDER BY u.initiative_id, u.created_at DESC, u.id DESC) l
       WHERE i.id = l.initiative_id`);
    const plans = await db.workPlan.findMany({ where: { year: BENCH_YEAR }, select: { id: true } });
    await db.$transaction(async (tx) => {
      for (const plan of plans) await refreshRollups(tx, plan.id);
    });
    await db.$executeRawUnsafe(`ANALYZE`);
  });
  const [departments, initiatives, reports] = await Promise.all([
    db.department.count(),
    db.initiative.count({ where: { plan: { year: BENCH_YEAR } } }),
    db.progressUpdate.count(),
  ]);
  return { departments, initiatives, updates: reports, seconds };
}
