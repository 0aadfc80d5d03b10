import { Prisma } from "@workplan/db";

// The safety net behind the input rules: when PostgreSQL itself refuses a value (class 22, "data
// exception": a NUL byte, an integer out of range, a string too long for its column, a malformed
// date), it was the request's fault, not the server's — the transports answer 400, never 500.

/** The SQLSTATE PostgreSQL answered with, when the error carries one. */
export function sqlState(error: unknown): string | null {
  if (!(error instanceof Prisma.PrismaClientKnownRequestError)) return null;
  const meta = error.meta as { code?: unknown; driverAdapterError?: { cause?: { originalCode?: unknown; code?: unknown } } } | undefined;
  const code = meta?.driverAdapterError?.cause?.originalCode ?? meta?.driverAdapterError?.cause?.code ?? meta?.code;
  return typeof code === "string" && /^[0-9A-Z]{5}$/.test(code) ? code : null;
}

/** PostgreSQL refused a value of the request (SQLSTATE class 22), or Prisma did (P2000 too long, P2020 out of range). */
export function isRejectedInput(error: unknown): boolean {
  if (error instanceof Prisma.PrismaClientKnownRequestError && (error.code === "P2000" || error.code === "P2020")) return true;
  return sqlState(error)?.startsWith("22") ?? false;
}
