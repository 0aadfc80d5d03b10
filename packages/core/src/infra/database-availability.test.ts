import { describe, expect, it } from "vitest";
import { isConnectionFailure } from "./database-availability";

// Which failures mean "PostgreSQL cannot be reached" (the app answers 503 and probes until it is
// back) and which are the request's own (a 400, a 409, a 500 as before). Shapes as pg, Node and
// Prisma 7 with @prisma/adapter-pg produce them.
const socket = (code: string) => Object.assign(new Error(`connect ${code} 127.0.0.1:5432`), { code, errno: -111, syscall: "connect" });
const postgres = (code: string, message: string) => Object.assign(new Error(message), { code, severity: "FATAL" });
const prisma = (code: string, cause: object) =>
  Object.assign(new Error("Invalid `prisma.user.findUnique()` invocation"), {
    name: "PrismaClientKnownRequestError",
    code,
    meta: { driverAdapterError: Object.assign(new Error("adapter"), { cause }) },
  });

describe("isConnectionFailure", () => {
  it("knows an unreachable, restarting or vanished server", () => {
    expect(isConnectionFailure(socket("ECONNREFUSED"))).toBe(true);
    expect(isConnectionFailure(socket("ENOTFOUND"))).toBe(true);
    expect(isConnectionFailure(socket("ETIMEDOUT"))).toBe(true);
    expect(isConnectionFailure(postgres("57P01", "terminating connection due to administrator command"))).toBe(true);
    expect(isConnectionFailure(postgres("57P03", "the database system is starting up"))).toBe(true);
    expect(isConnectionFailure(postgres("08006", "connection failure"))).toBe(true);
    expect(isConnectionFailure(new Error("Connection terminated unexpectedly"))).toBe(true);
    expect(isConnectionFailure(new Error("Connection terminated due to connection timeout"))).toBe(true);
    // A host with several addresses, all refused.
    expect(isConnectionFailure(new AggregateError([socket("ECONNREFUSED"), socket("ECONNREFUSED")]))).toBe(true);
    // Prisma's own codes and the adapter's kinds, however deep.
    expect(isConnectionFailure(prisma("P1001", { kind: "DatabaseNotReachable", host: "127.0.0.1", port: 5432 }))).toBe(true);
    expect(isConnectionFailure(prisma("P1017", { kind: "ConnectionClosed" }))).toBe(true);
    expect(isConnectionFailure(prisma("P2010", { kind: "postgres", originalCode: "57P01", code: "57P01" }))).toBe(true);
    expect(isConnectionFailure(new Error("wrapped", { cause: new Error("again", { cause: socket("ECONNRESET") }) }))).toBe(true);
  });

  it("leaves the request's own failures alone", () => {
    expect(isConnectionFailure(prisma("P2002", { kind: "UniqueConstraintViolation" }))).toBe(false);
    expect(isConnectionFailure(prisma("P2010", { kind: "postgres", originalCode: "22021", code: "22021" }))).toBe(false);
    expect(isConnectionFailure(postgres("40001", "could not serialize access"))).toBe(false);
    expect(isConnectionFailure(postgres("28P01", "password authentication failed"))).toBe(false);
    expect(isConnectionFailure(new Error("Transaction already closed"))).toBe(false);
    expect(isConnectionFailure(new Error("boom"))).toBe(false);
    expect(isConnectionFailure(null)).toBe(false);
    expect(isConnectionFailure("ECONNREFUSED")).toBe(false);
  });
});
