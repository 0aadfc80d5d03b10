import { prisma } from "@workplan/db";
import "server-only";
import { z } from "zod";
import type { Viewer } from "../../rules/policy";
import { safeParseText } from "../../rules/text-input";
import { auditKind, recordAudit } from "../audit";
import { DomainError } from "../errors";

export const USER_LOCALES = ["zh-Hans", "zh-Hant", "en"] as const;
export type UserLocale = (typeof USER_LOCALES)[number];

export interface Preferences {
  /** The language mails are written in (and the interface's, when it has no cookie of its own). */
  locale: UserLocale;
  /** Whether the weekly digest is mailed (it is for managers). */
  digestEmail: boolean;
}

/** One's own preferences. */
export async function getMyPreferences(viewer: Viewer): Promise<Preferences> {
  const row = await prisma.user.findUniqueOrThrow({ where: { id: viewer.id }, select: { locale: true, digestEmail: true } });
  return { locale: (USER_LOCALES as readonly string[]).includes(row.locale) ? (row.locale as UserLocale) : "zh-Hans", digestEmail: row.digestEmail };
}

const preferencesSchema = z.object({
  locale: z.enum(USER_LOCALES, { error: "locale.invalid" }),
  digestEmail: z.boolean({ error: "digestEmail.invalid" }),
});

const CHANGED = auditKind("user.preferences_changed", "User");

/** Choose the language of one's mails and whether the weekly digest is mailed. */
export async function updateMyPreferences(viewer: Viewer, input: unknown, context: { ip?: string | null } = {}): Promise<Preferences> {
  const parsed = safeParseText(preferencesSchema, input ?? {});
  if (!parsed.success) {
    const fields = Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0] ?? "form"), i.message]));
    throw new DomainError("invalid", "bad preferences", fields);
  }
  return prisma.$transaction(async (tx) => {
    const before = await tx.user.findUniqueOrThrow({ where: { id: viewer.id }, select: { locale: true, digestEmail: true } });
    const after = await tx.user.update({ where: { id: viewer.id }, data: parsed.data, select: { locale: true, digestEmail: true } });
    if (before.locale !== after.locale || before.digestEmail !== after.digestEmail) {
      await recordAudit(tx, { actorId: viewer.id, action: CHANGED.action, objectType: CHANGED.objectType, objectId: viewer.id, before, after, ip: context.ip ?? null });
    }
    return after as Preferences;
  });
}
