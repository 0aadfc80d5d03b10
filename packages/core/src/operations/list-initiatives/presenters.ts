import "server-only";
import { type InitiativeDetail } from "../get-initiative";
import { isoDay } from "../../rules/dates";
import { type Row } from "./query";
import { type ApiInitiative, type ApiInitiativeDetail } from "./schema";
import { expectedProgress, suggestHealth } from "../../rules/pace";
import { planNow } from "../../infra/plan-clock";

export function apiItem(row: Row, now: Date = planNow()): ApiInitiative {
  return toApiInitiative(now, {
    ...row,
    target:
      row.targetValue === null ? null : { value: row.targetValue.toNumber(), unit: row.targetUnit ?? "", approximate: row.targetApproximate },
    measuredValue: row.measuredValue?.toNumber() ?? null,
  });
}


interface InitiativeFields {
  id: string;
  code: string;
  title: string;
  originalText: string;
  department: { code: string; nameZhHans: string; nameZhHant: string; nameEn: string };
  theme: { code: string; title: string } | null;
  target: { value: number; unit: string; approximate: boolean } | null;
  dueDate: Date;
  progress: number;
  health: ApiInitiative["health"];
  version: number;
  measuredValue: number | null;
  lastUpdateAt: Date | null;
  closedAt: Date | null;
  outcome: ApiInitiative["outcome"];
  plan: { year: number };
}

function toApiInitiative(now: Date, i: InitiativeFields): ApiInitiative {
  const start = new Date(Date.UTC(i.plan.year, 0, 1));
  return {
    id: i.id,
    code: i.code,
    title: i.title,
    originalText: i.originalText,
    department: {
      code: i.department.code,
      nameZhHans: i.department.nameZhHans,
      nameZhHant: i.department.nameZhHant,
      nameEn: i.department.nameEn,
    },
    theme: i.theme && { code: i.theme.code, title: i.theme.title },
    target: i.target && { value: i.target.value, unit: i.target.unit, approximate: i.target.approximate },
    dueDate: isoDate(i.dueDate),
    progress: i.progress,
    health: i.health,
    version: i.version,
    measuredValue: i.measuredValue,
    lastUpdateAt: i.lastUpdateAt?.toISOString() ?? null,
    closedAt: i.closedAt?.toISOString() ?? null,
    outcome: i.outcome,
    pace: {
      expectedProgress: expectedProgress(now, start, i.dueDate),
      suggestedHealth: suggestHealth({ progress: i.progress, now, start, due: i.dueDate }),
    },
  };
}

/** An initiative read with getInitiative(), in the API's shape. */
export function toApiInitiativeDetail(detail: InitiativeDetail, now: Date = planNow()): ApiInitiativeDetail {
  return {
    ...toApiInitiative(now, detail),
    updates: detail.updates.map((u) => ({
      id: u.id,
      period: isoDate(u.period).slice(0, 7),
      progress: u.progress,
      health: u.health,
      healthSuggested: u.healthSuggested,
      healthReason: u.healthReason,
      workDone: u.workDone,
      problems: u.problems,
      nextSteps: u.nextSteps,
      measuredValue: u.measuredValue,
      status: u.status,
      version: u.version,
      author: { id: u.author.id, name: u.author.name },
      departmentCode: u.department.code,
      links: u.evidence.flatMap((e) => (e.kind === "LINK" && e.url ? [e.url] : [])),
      files: u.evidence.flatMap((e) =>
        e.kind === "FILE" ? [{ id: e.id, fileName: e.fileName ?? "file", mimeType: e.mimeType ?? "application/octet-stream", size: e.size ?? 0 }] : [],
      ),
      createdAt: u.createdAt.toISOString(),
      updatedAt: u.updatedAt.toISOString(),
    })),
    milestones: detail.milestones.map((m) => ({
      id: m.id,
      title: m.title,
      dueDate: isoDate(m.dueDate),
      doneAt: m.doneAt?.toISOString() ?? null,
    })),
  };
}

/** A DATE column as YYYY-MM-DD (Prisma gives it as midnight UTC). */
export const isoDate = isoDay;
