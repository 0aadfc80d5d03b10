// The demo's January–June 2018: a plausible half year of monthly reports for both departments, so
// that the lights, the calendar, the overview and the 2018-06 report show a ministry at work (the demo
// pins the plan calendar's today to mid-July 2018: WORKPLAN_TODAY). Filed through the operations
// users file with (roll-ups, versions, search text, notifications as in real use), dated with the plan
// calendar's clock: most reports on time and approved, a few late, two months missing, June's partly
// awaiting review, one returned and revised, evidence links, an extension and a chase.
// Idempotent: nothing is added once the demo staff have reported.

import { prisma } from "@workplan/db";
import { chaseInitiative } from "@workplan/core/operations/chase";
import { decideExtension, requestExtension } from "@workplan/core/operations/extension-requests";
import { logProgress } from "@workplan/core/operations/log-progress";
import { reviewUpdate } from "@workplan/core/operations/review-update";
import type { Viewer } from "@workplan/core/rules/policy";

const bj = (day: string, time = "10:00") => new Date(`${day}T${time}:00+08:00`);
const pad = (n: number) => String(n).padStart(2, "0");

const WORK: ((title: string) => string)[] = [
  (t) => `制定${t}年度工作方案,明確任務分工、責任處室和時間節點。`,
  (t) => `召開${t}專題工作會議,部署推進年度重點任務,建立月度調度機制。`,
  (t) => `赴地方開展專題調研,形成調研報告,梳理${t}存在的主要問題。`,
  (t) => `會同有關部門研究起草政策文件,圍繞${t}廣泛徵求地方和行業意見。`,
  (t) => `推進試點示範工作,組織開展${t}階段性評估。`,
  (t) => `完成上半年工作總結,${t}各項任務按計劃推進。`,
];
const PROBLEMS = [null, "部分地方配套措施尚未落實。", null, "跨部門協調工作量較大,個別事項進度有所延後。", null, "試點地區經驗尚需進一步總結提煉。"];
const LINKS = ["https://www.miit.gov.cn/zwgk/zcwj/index.html", "https://www.miit.gov.cn/xwdt/gxdt/index.html"];

async function viewerOf(email: string): Promise<Viewer> {
  return prisma.user.findUniqueOrThrow({ where: { email }, select: { id: true, role: true, departmentId: true } });
}

/** Set a review's time to the plan calendar's (reviewUpdate stamps the real clock). */
async function backdateReview(updateId: string, at: Date) {
  await prisma.$executeRaw`UPDATE progress_updates SET reviewed_at = ${at} WHERE id = ${updateId}`;
  await prisma.$executeRaw`UPDATE reviews SET created_at = ${at} WHERE update_id = ${updateId}`;
}

export async function seedDemoHistory(): Promise<number> {
  const staff: Record<string, Viewer> = { CYZCS: await viewerOf("policy.staff@demo.local"), KJS: await viewerOf("tech.staff@demo.local") };
  const reviewers: Record<string, Viewer> = { CYZCS: await viewerOf("policy.lead@demo.local"), KJS: await viewerOf("director@demo.local") };
  if ((await prisma.progressUpdate.count({ where: { authorId: { in: Object.values(staff).map((s) => s.id) } } })) > 0) return 0;

  const initiatives = await prisma.initiative.findMany({
    where: { plan: { year: 2018 }, department: { code: { in: ["CYZCS", "KJS"] } }, archivedAt: null },
    orderBy: [{ department: { code: "asc" } }, { code: "asc" }],
    select: { id: true, code: true, title: true, targetValue: true, department: { select: { code: true } } },
  });

  let filed = 0;
  for (let month = 1; month <= 6; month++) {
    for (const [k, initiative] of initiatives.entries()) {
      const dept = initiative.department.code;
      // Two months never came in: a May and a June.
      if ((k % 7 === 3 && month === 5) || (k % 11 === 5 && month === 6)) continue;
      const late = (k + month) % 9 === 0;
      const day = late ? 27 : 15 + (k % 9);
      const at = bj(`2018-${pad(month)}-${pad(day)}`, `${pad(9 + (k % 8))}:${pad((k * 7) % 60)}`);
      const step = [9, 11, 13, 15, 17][k % 5] ?? 12;
      const slow = k % 8 === 6 && month >= 5;
      const progress = Math.min(100, Math.round(month * (slow ? step * 0.6 : step)));
      const health = progress >= 100 ? "DONE" : slow ? "OFF_TRACK" : k % 5 === 2 && month >= 4 ? "AT_RISK" : "ON_TRACK";
      const title = initiative.title.replace(/[。;,]+$/u, "");
      const { version } = await prisma.initiative.findUniqueOrThrow({ where: { id: initiative.id }, select: { version: true } });
      const input = {
        period: `2018-${pad(month)}`,
        progress,
        health,
        healthReason: "根據本月實際進展判斷",
        workDone: WORK[month - 1]?.(title) ?? title,
        problems: (health === "ON_TRACK" ? PROBLEMS[(k + month) % PROBLEMS.length] : "進度慢於計劃,需加強協調、加快推進。") ?? undefined,
        nextSteps: month < 6 ? `下月將繼續推進${title},按月報送進展。` : `下半年將加大工作力度,確保${title}年度目標按期完成。`,
        measuredValue: initiative.targetValue === null ? undefined : Math.round((Number(initiative.targetValue) * progress) / 100),
        links: month === 3 && k % 3 === 0 ? LINKS : [],
        baseVersion: version,
      };
      const author = staff[dept];
      const reviewer = reviewers[dept];
      if (!author || !reviewer) continue;
      const { updateId } = await logProgress(author, initiative.id, input, [], { now: at, filedAt: at });
      filed++;
      const reviewedAt = new Date(at.getTime() + 2 * 24 * 3600 * 1000);
      // June: a quarter still awaiting review when the month's report is drawn up.
      if (month === 6 && k % 4 === 1) continue;
      if (month === 6 && k === 2) {
        // Returned for figures, then revised and approved.
        await reviewUpdate(reviewer, updateId, { decision: "return", comment: "請補充量化數據和下一步時間安排。" });
        await backdateReview(updateId, reviewedAt);
        const revisedAt = new Date(reviewedAt.getTime() + 24 * 3600 * 1000);
        const { version: v } = await prisma.initiative.findUniqueOrThrow({ where: { id: initiative.id }, select: { version: true } });
        const revision = await logProgress(
          author,
          initiative.id,
          { ...input, baseVersion: v, workDone: `${input.workDone}已完成3項重點任務中的2項,第3項預計8月底前完成。` },
          [],
          { now: revisedAt, filedAt: revisedAt, revisionOf: updateId },
        );
        filed++;
        await reviewUpdate(reviewer, revision.updateId, { decision: "approve" });
        await backdateReview(revision.updateId, new Date(revisedAt.getTime() + 24 * 3600 * 1000));
        continue;
      }
      await reviewUpdate(reviewer, updateId, { decision: "approve" });
      await backdateReview(updateId, reviewedAt);
    }
  }

  // An extension asked for in May and approved; a chase of an initiative whose June report is missing.
  const extended = initiatives.find((i) => i.code === "KJS-2018-2.3") ?? initiatives.at(-1);
  if (extended) {
    const request = await requestExtension(staff.KJS as Viewer, extended.id, { requestedDueDate: "2019-03-31", reason: "標準立項審批週期延長,需順延一個季度。" }, { now: bj("2018-05-20") });
    await decideExtension(reviewers.KJS as Viewer, request.requestId, { decision: "approve", comment: "同意順延。" }, { now: bj("2018-05-23") });
  }
  const missing = initiatives.find((_, k) => k % 11 === 5 && initiatives[k]?.department.code === "CYZCS") ?? initiatives.find((_, k) => k % 11 === 5);
  if (missing) {
    const lead = missing.department.code === "CYZCS" ? reviewers.CYZCS : reviewers.KJS;
    await chaseInitiative(lead as Viewer, missing.id, { note: "6月進展尚未報送,請盡快報送。" }, { now: bj("2018-06-28") });
  }
  return filed;
}
