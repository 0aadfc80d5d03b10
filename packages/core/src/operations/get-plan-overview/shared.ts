import "server-only";
import { z } from "zod";
import type { getPlanOverview } from "./get-plan-overview";

// What the operations in get-plan-overview/ share.
export const yearSchema = z.coerce.number().int().min(2000).max(2100);

export const initiativeListSelect = {
  id: true,
  code: true,
  title: true,
  themeId: true,
  ordinal: true,
  progress: true,
  health: true,
  dueDate: true,
  lastUpdateAt: true,
  targetValue: true,
  targetUnit: true,
  targetApproximate: true,
} as const;

export function toListItem(i: {
  id: string;
  code: string;
  title: string;
  progress: number;
  health: "ON_TRACK" | "AT_RISK" | "OFF_TRACK" | "DONE" | null;
  dueDate: Date;
  lastUpdateAt: Date | null;
  targetValue: { toNumber(): number } | null;
  targetUnit: string | null;
  targetApproximate: boolean;
}) {
  return {
    id: i.id,
    code: i.code,
    title: i.title,
    progress: i.progress,
    health: i.health,
    dueDate: i.dueDate,
    lastUpdateAt: i.lastUpdateAt,
    target: i.targetValue === null ? null : { value: i.targetValue.toNumber(), unit: i.targetUnit ?? "", approximate: i.targetApproximate },
  };
}

export type PlanOverview = NonNullable<Awaited<ReturnType<typeof getPlanOverview>>>;

export interface PlanSummaryRow {
  planId: string;
  status: "ACTIVE" | "CLOSED";
  department: { id: string; code: string; nameZhHans: string; nameZhHant: string; nameEn: string };
  initiatives: number;
  /** The plan's stored roll-up: average progress of its initiatives (archived ones left out). */
  progress: number;
  health: { ON_TRACK: number; AT_RISK: number; OFF_TRACK: number; DONE: number; NONE: number };
  /** Past its own due date (Beijing time) and not done: as /initiatives?overdue=1 counts. */
  overdue: number;
}
