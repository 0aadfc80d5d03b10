import "server-only";
import { prisma, type Prisma } from "@workplan/db";

// Failed password checks, counted per e-mail in PostgreSQL: a wrong password at sign-in and a wrong
// current password when changing it count alike, so a borrowed session cannot be used to guess the
// password beside the sign-in form's limit.

export const MAX_FAILURES = 5;
export const LOCK_MINUTES = 15;

/** Whether the e-mail is locked out now. */
export async function isLocked(email: string): Promise<boolean> {
  const throttle = await prisma.loginThrottle.findUnique({ where: { email }, select: { lockedUntil: true } });
  return Boolean(throttle?.lockedUntil && throttle.lockedUntil > new Date());
}

/**
 * Count one failure in one atomic statement (so the lock holds across app instances and under
 * concurrent attempts); the fifth within 15 minutes locks the e-mail for 15 minutes.
 */
export async function countFailure(email: string): Promise<{ failures: number; locked: boolean }> {
  const rows = await prisma.$queryRaw<{ failures: number; locked_until: Date | null }[]>`
    INSERT INTO login_throttles (email, failures, first_failed_at)
    VALUES (${email}, 1, now())
    ON CONFLICT (email) DO UPDATE SET
      failures = CASE WHEN login_throttles.first_failed_at > now() - make_interval(mins => ${LOCK_MINUTES})
                      THEN login_throttles.failures + 1 ELSE 1 END,
      first_failed_at = CASE WHEN login_throttles.first_failed_at > now() - make_interval(mins => ${LOCK_MINUTES})
                      THEN login_throttles.first_failed_at ELSE now() END,
      locked_until = NULL
    RETURNING failures, locked_until`;
  const failures = rows[0]?.failures ?? 1;
  if (failures < MAX_FAILURES) return { failures, locked: false };
  await prisma.$executeRaw`
    UPDATE login_throttles SET locked_until = now() + make_interval(mins => ${LOCK_MINUTES}) WHERE email = ${email}`;
  return { failures, locked: true };
}

/** A right password clears the count. */
export async function clearFailures(tx: Prisma.TransactionClient, email: string): Promise<void> {
  await tx.loginThrottle.deleteMany({ where: { email } });
}
