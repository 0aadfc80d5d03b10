import "server-only";
import { prisma } from "@workplan/db";
import type { Viewer } from "../rules/policy";
import { idSchema } from "./get-initiative";
import { initiativeRecordWhere } from "./scope";

/** An evidence file's bytes, when the viewer may see its initiative; null otherwise. */
export async function getEvidenceFile(viewer: Viewer, evidenceId: unknown) {
  const id = idSchema.safeParse(evidenceId);
  if (!id.success) return null;
  const row = await prisma.evidence.findFirst({
    where: { id: id.data, kind: "FILE", update: { initiative: initiativeRecordWhere(viewer) } },
    select: { fileName: true, mimeType: true, data: true },
  });
  if (!row?.data) return null;
  return { fileName: row.fileName ?? "file", mimeType: row.mimeType ?? "application/octet-stream", data: row.data };
}
