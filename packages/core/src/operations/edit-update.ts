import "server-only";
import { prisma } from "@workplan/db";
import { z } from "zod";
import { check, type Viewer } from "../rules/policy";
import { fieldErrors, numberInput, TEXT_MAX } from "../rules/progress";
import { recordAudit } from "./audit";
import { DomainError } from "./errors";
import { idSchema } from "./get-initiative";
import { initiativeWhere } from "./scope";
import { updateSearchText } from "../infra/search-text";
import { safeParseText } from "../rules/text-input";

const editSchema = z
  .object({
    workDone: z.string().trim().min(1, "workDone.required").max(TEXT_MAX, "workDone.tooLong"),
    problems: z.string().trim().max(TEXT_MAX, "problems.tooLong").optional().default(""),
    nextSteps: z.string().trim().max(TEXT_MAX, "nextSteps.tooLong").optional().default(""),
    version: z.preprocess(numberInput, z.number({ error: "version.required" }).int("version.required").min(0, "version.required")),
  })
  .strict();

/**
 * The author corrects the wording of an update that nobody has reviewed yet. Once reviewed it is
 * read-only (a correction is a new update). Figures (percent, health, value) are not edited here:
 * they moved the initiative's headline, and a changed figure is a new report.
 */
export async function editUpdate(viewer: Viewer, updateId: unknown, input: unknown, context: { ip?: string | null } = {}) {
  const id = idSchema.safeParse(updateId);
  if (!id.success) throw new DomainError("not_found", "no such update");
  const parsed = safeParseText(editSchema, input);
  const update = await prisma.progressUpdate.findFirst({
    where: { id: id.data, initiative: initiativeWhere(viewer) },
    select: {
      id: true,
      authorId: true,
      departmentId: true,
      status: true,
      version: true,
      workDone: true,
      problems: true,
      nextSteps: true,
      initiative: { select: { archivedAt: true } },
    },
  });
  const refusal = update
    ? check(viewer, "update.edit", { departmentId: update.departmentId, authorId: update.authorId, status: update.status, archived: update.initiative.archivedAt !== null })
    : "scope";
  if (!update || refusal === "archived") throw new DomainError("not_found", "no such update");
  // Seen (in scope) but not theirs: another department's report on a shared initiative, or a colleague's.
  if (refusal === "role" || refusal === "scope" || refusal === "author") throw new DomainError("forbidden", "only the author edits an update");
  if (refusal === "reviewed") throw new DomainError("conflict", "the update has been reviewed and is read-only", { form: "update.reviewed" });
  if (!parsed.success) throw new DomainError("invalid", "the edit has problems", fieldErrors(parsed.error));
  const data = parsed.data;
  // Stale form: refused here too, so that the audit's "before" is the text the author saw and replaced.
  if (data.version !== update.version) throw new DomainError("conflict", "the update changed meanwhile", { form: "update.changed" });
  return prisma.$transaction(async (tx) => {
    const changed = await tx.progressUpdate.updateMany({
      where: { id: update.id, version: data.version, status: "SUBMITTED" },
      data: {
        workDone: data.workDone,
        problems: data.problems || null,
        nextSteps: data.nextSteps || null,
        searchText: updateSearchText(data),
        version: { increment: 1 },
      },
    });
    if (changed.count === 0) throw new DomainError("conflict", "the update changed meanwhile", { form: "update.changed" });
    await recordAudit(tx, {
      actorId: viewer.id,
      action: "progress.edited",
      objectType: "ProgressUpdate",
      objectId: update.id,
      before: { workDone: update.workDone, problems: update.problems, nextSteps: update.nextSteps },
      after: { workDone: data.workDone, problems: data.problems || null, nextSteps: data.nextSteps || null },
      ip: context.ip ?? null,
    });
    return { updateId: update.id, version: data.version + 1 };
  });
}
