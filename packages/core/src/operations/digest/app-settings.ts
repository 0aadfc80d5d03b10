import { prisma } from "@workplan/db";
import "server-only";
import { z } from "zod";
import { check, type Viewer } from "../../rules/policy";
import { safeParseText } from "../../rules/text-input";
import { auditKind, recordAudit } from "../audit";
import { DomainError } from "../errors";

export interface AppSettings {
  digestWeekday: number;
  digestHour: number;
}

/** The installation's settings (the one row the migration wrote; defaults if someone removed it). */
export async function getAppSettings(): Promise<AppSettings> {
  const row = await prisma.appSetting.findUnique({ where: { id: 1 }, select: { digestWeekday: true, digestHour: true } });
  return row ?? { digestWeekday: 1, digestHour: 8 };
}

const settingsSchema = z.object({
  digestWeekday: z.coerce.number({ error: "digestWeekday.range" }).int("digestWeekday.range").min(0, "digestWeekday.range").max(6, "digestWeekday.range"),
  digestHour: z.coerce.number({ error: "digestHour.range" }).int("digestHour.range").min(0, "digestHour.range").max(23, "digestHour.range"),
});

const SETTINGS_CHANGED = auditKind("settings.updated", "AppSetting");

/** An admin sets when the weekly digest goes out (Beijing time). */
export async function updateAppSettings(viewer: Viewer, input: unknown, context: { ip?: string | null } = {}): Promise<AppSettings> {
  if (check(viewer, "admin.plans") !== null) throw new DomainError("not_found", "not for this viewer");
  const parsed = safeParseText(settingsSchema, input ?? {});
  if (!parsed.success) {
    const fields = Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0] ?? "form"), i.message]));
    throw new DomainError("invalid", "bad settings", fields);
  }
  return prisma.$transaction(async (tx) => {
    const before = await tx.appSetting.findUnique({ where: { id: 1 }, select: { digestWeekday: true, digestHour: true } });
    const after = await tx.appSetting.upsert({
      where: { id: 1 },
      create: { id: 1, ...parsed.data },
      update: { ...parsed.data, updatedAt: new Date() },
      select: { digestWeekday: true, digestHour: true },
    });
    await recordAudit(tx, { actorId: viewer.id, action: SETTINGS_CHANGED.action, objectType: SETTINGS_CHANGED.objectType, objectId: "1", before: before ?? undefined, after, ip: context.ip ?? null });
    return after;
  });
}
