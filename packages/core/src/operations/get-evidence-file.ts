import "server-only";
import { prisma } from "@workplan/db";
import type { Viewer } from "../rules/policy";
import { idSchema } from "./get-initiative";
import { initiativeRecordWhere } from "./scope";

// Evidence files live in PostgreSQL (evidence.data, bytea) so that any app instance serves them.
// A download is read in slices, `substring(data FROM … FOR …)`, one statement per slice as the
// client takes them: the app holds one slice (1 MiB) of a file at a time, never the whole file,
// however many downloads run at once. Evidence rows are written once and never changed (only
// deleted with their report), so the slices of one id are always of the same bytes; a row deleted
// half-way ends the download with an error rather than a short file.

/** The size of each slice read from the database. */
export const EVIDENCE_CHUNK_BYTES = 1024 * 1024;

export interface EvidenceDownload {
  fileName: string;
  mimeType: string;
  /** The file's length in bytes, as stored. */
  size: number;
  /** The bytes, one slice per step, read only when the caller asks for the next. */
  chunks: () => AsyncGenerator<Uint8Array, void, undefined>;
}

/**
 * An evidence file to download, when the viewer may see its initiative; null otherwise (and for a
 * link, or an id that is not one). Reads its name, type and length, not its bytes.
 */
export async function openEvidenceFile(
  viewer: Viewer,
  evidenceId: unknown,
  options: { chunkBytes?: number } = {},
): Promise<EvidenceDownload | null> {
  const id = idSchema.safeParse(evidenceId);
  if (!id.success) return null;
  const row = await prisma.evidence.findFirst({
    where: { id: id.data, kind: "FILE", data: { not: null }, update: { initiative: initiativeRecordWhere(viewer) } },
    select: { id: true, fileName: true, mimeType: true },
  });
  if (!row) return null;
  const [length] = await prisma.$queryRaw<{ size: number | null }[]>`
    SELECT octet_length(data)::int AS size FROM evidence WHERE id = ${row.id}`;
  if (length?.size === null || length?.size === undefined) return null;
  const size = length.size;
  const fileId = row.id;
  const chunkBytes = Math.max(1, Math.floor(options.chunkBytes ?? EVIDENCE_CHUNK_BYTES));

  async function* chunks(): AsyncGenerator<Uint8Array, void, undefined> {
    for (let offset = 0; offset < size; offset += chunkBytes) {
      const [slice] = await prisma.$queryRaw<{ chunk: Uint8Array | null }[]>`
        SELECT substring(data FROM ${offset + 1}::int FOR ${chunkBytes}::int) AS chunk FROM evidence WHERE id = ${fileId}`;
      const expected = Math.min(chunkBytes, size - offset);
      if (!slice?.chunk || slice.chunk.length !== expected) throw new Error(`evidence ${fileId} changed while it was read`);
      yield slice.chunk;
    }
  }
  return { fileName: row.fileName ?? "file", mimeType: row.mimeType ?? "application/octet-stream", size, chunks };
}
