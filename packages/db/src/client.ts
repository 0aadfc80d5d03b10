import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/prisma/client";

// One client per process, created on first use (a build without DATABASE_URL never touches it);
// the global survives hot reload in development. Password hashes are omitted unless asked for.
function createClient() {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set");
  const adapter = new PrismaPg({ connectionString: url, max: Number(process.env.DATABASE_POOL_SIZE ?? 10) });
  // Interactive transactions get more than Prisma's 5 s default: on a busy two-core machine a batch
  // (a department's chases, a spreadsheet import) must not fail half-way for want of time.
  return new PrismaClient({
    adapter,
    omit: { user: { passwordHash: true } },
    transactionOptions: { maxWait: 10_000, timeout: 30_000 },
  });
}

type Client = ReturnType<typeof createClient>;
const globalForPrisma = globalThis as unknown as { workplanPrisma?: Client };

export function getPrisma(): Client {
  globalForPrisma.workplanPrisma ??= createClient();
  return globalForPrisma.workplanPrisma;
}

export const prisma: Client = new Proxy({} as Client, {
  get(_target, property) {
    const client = getPrisma();
    const value: unknown = Reflect.get(client, property);
    return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(client) : value;
  },
});

export async function disconnectPrisma() {
  if (globalForPrisma.workplanPrisma) {
    await globalForPrisma.workplanPrisma.$disconnect();
    globalForPrisma.workplanPrisma = undefined;
  }
}

export type { Client as PrismaClientType };
