// The end-to-end "ministry scale" fixture (e2e/specs/scale.spec.ts): into DATABASE_URL, which holds
// the demo seed, load the bench ministry (40 departments, ~1,160 initiatives) with SCALE_REPORTS
// reports (20,000 by default), and give one department (BD01) 60 initiatives instead of 30, each
// with a report awaiting review, so that every ministry-wide page has more rows than it may show.
//   node --conditions=react-server --import tsx packages/core/src/bench/load-scale-fixture.ts
import { prisma } from "@workplan/db";
import { refreshRollups } from "../operations/refresh-rollups";
import { BENCH_YEAR, loadBenchData } from "./bench-data";

const REPORTS = Number(process.env.SCALE_REPORTS ?? 20_000);
export const SCALE_DEPARTMENT = "BD01";
export const SCALE_EXTRA = 30;

async function main() {
  await loadBenchData(prisma, REPORTS);
  const plan = await prisma.workPlan.findFirstOrThrow({
    where: { year: BENCH_YEAR, department: { code: SCALE_DEPARTMENT } },
    select: { id: true, departmentId: true },
  });
  const author = await prisma.user.findFirstOrThrow({ where: { departmentId: plan.departmentId, role: "STAFF" }, select: { id: true } });
  await prisma.$transaction(async (tx) => {
    await tx.$executeRaw`
      INSERT INTO initiatives (id, plan_id, department_id, ordinal, code, title, original_text, source_paragraph, due_date, search_text, updated_at)
      SELECT 'scalei' || lpad(k::text, 20, '0'), ${plan.id}, ${plan.departmentId}, 100 + k, ${SCALE_DEPARTMENT} || '-' || ${BENCH_YEAR}::int || '-9.' || k,
             '規模測試事項第' || k || '項', '規模測試事項第' || k || '項', '', make_date(${BENCH_YEAR}::int, 12, 31),
             lower(${SCALE_DEPARTMENT}) || '-' || ${BENCH_YEAR}::int || '-9.' || k || E'\\n规模测试事项第' || k || '项', now()
        FROM generate_series(1, ${SCALE_EXTRA}::int) k`;
    await tx.$executeRaw`
      INSERT INTO progress_updates (id, initiative_id, author_id, department_id, period, progress, health, health_suggested,
                                    work_done, status, search_text, created_at, updated_at)
      SELECT 'scaleu' || lpad(k::text, 20, '0'), 'scalei' || lpad(k::text, 20, '0'), ${author.id}, ${plan.departmentId},
             make_date(${BENCH_YEAR}::int, 11, 1), 10, 'ON_TRACK', 'ON_TRACK', '規模測試進展第' || k || '份', 'SUBMITTED',
             '规模测试进展第' || k || '份', now() - k * interval '1 minute', now() - k * interval '1 minute'
        FROM generate_series(1, ${SCALE_EXTRA}::int) k`;
    await refreshRollups(tx, plan.id);
  });
  console.log(`scale fixture: ${REPORTS} bench reports, ${SCALE_DEPARTMENT} with ${30 + SCALE_EXTRA} initiatives`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
