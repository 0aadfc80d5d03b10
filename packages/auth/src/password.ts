import { hash, verify } from "@node-rs/argon2";

// argon2id (algorithm 2; the package's const enum cannot be imported under isolatedModules),
// 19 MiB, t=2, p=1: the OWASP minimum for argon2id.
const OPTIONS = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

// A real hash to verify against when the e-mail is unknown, so both failures take the same time.
let dummyHash: Promise<string> | undefined;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword("workplan-dummy-password-for-timing");
  return dummyHash;
}
