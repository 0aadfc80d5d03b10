import { prisma } from "@workplan/db";
import "server-only";
import { z } from "zod";
import { can, type Viewer } from "../rules/policy";
import { throttleKind, type ThrottleKind } from "../rules/sign-in-throttle";
import { safeParseText } from "../rules/text-input";
import { recordAudit } from "./audit";
import { DomainError } from "./errors";

// The sign-in delays running now, as admins see them (/admin/sign-in-throttles), and clearing one.
// The rows are written by sign-in (packages/auth/src/throttle.ts); the rules are in
// rules/sign-in-throttle.ts. A page is 50 rows cut by keyset on (delayed_until desc, address,
// email), the index on delayed_until serving both the list and its count.

export const THROTTLE_PAGE_SIZE = 50;
/** Counted up to here; more shows as "1,000+". */
export const THROTTLE_COUNT_CAP = 1000;

export interface SignInThrottleRow {
  kind: ThrottleKind;
  /** The address counted under (IPv6 as its /64), '' on an account's own row. */
  address: string;
  /** The e-mail as typed, '' on an address's own row. */
  email: string;
  /** The account with that e-mail, when there is one (an unknown e-mail is counted alike). */
  user: { id: string; name: string } | null;
  failures: number;
  refused: number;
  lastFailedAt: Date;
  delayedUntil: Date;
}

export interface SignInThrottlePage {
  items: SignInThrottleRow[];
  /** Delays running now, up to THROTTLE_COUNT_CAP + 1. */
  total: number;
  /** Cursor of the next page, null on the last. */
  next: string | null;
}

function refuseUnlessAllowed(viewer: Viewer): void {
  if (!can(viewer, "admin.throttles")) throw new DomainError("forbidden", "only admins see sign-in throttles");
}

const b64 = (text: string) => Buffer.from(text, "utf8").toString("base64url");
const unb64 = (text: string) => Buffer.from(text, "base64url").toString("utf8");

/** A page's cursor: the last row's delay end (ms), address and e-mail, each base64url. */
const cursorSchema = z
  .string()
  .regex(/^\d{1,15}\.[A-Za-z0-9_-]{0,100}\.[A-Za-z0-9_-]{0,400}$/, "cursor.invalid")
  .transform((text) => {
    const [ms = "", address = "", email = ""] = text.split(".");
    return { at: new Date(Number(ms)), address: unb64(address), email: unb64(email) };
  });

const listSchema = z.object({ after: z.preprocess((v) => (v === "" ? undefined : v), cursorSchema.optional()) });

interface Row {
  address: string;
  email: string;
  failures: number;
  refused: number;
  last_failed_at: Date;
  delayed_until: Date;
  user_id: string | null;
  user_name: string | null;
}

/** The delays running now, longest first, a page at a time. */
export async function listSignInThrottles(viewer: Viewer, input: unknown = {}, context: { now?: Date } = {}): Promise<SignInThrottlePage> {
  const parsed = listSchema.safeParse(input);
  if (!parsed.success) throw new DomainError("invalid", "bad cursor", { after: "cursor.invalid" });
  refuseUnlessAllowed(viewer);
  const now = context.now ?? new Date();
  const after = parsed.data.after;
  const rows = after
    ? await prisma.$queryRaw<Row[]>`
        SELECT t.address, t.email, t.failures, t.refused, t.last_failed_at, t.delayed_until, u.id AS user_id, u.name AS user_name
        FROM sign_in_throttles t LEFT JOIN users u ON t.email <> '' AND u.email = t.email
        WHERE t.delayed_until > ${now}
          AND (t.delayed_until < ${after.at} OR (t.delayed_until = ${after.at} AND (t.address, t.email) > (${after.address}, ${after.email})))
        ORDER BY t.delayed_until DESC, t.address, t.email
        LIMIT ${THROTTLE_PAGE_SIZE + 1}`
    : await prisma.$queryRaw<Row[]>`
        SELECT t.address, t.email, t.failures, t.refused, t.last_failed_at, t.delayed_until, u.id AS user_id, u.name AS user_name
        FROM sign_in_throttles t LEFT JOIN users u ON t.email <> '' AND u.email = t.email
        WHERE t.delayed_until > ${now}
        ORDER BY t.delayed_until DESC, t.address, t.email
        LIMIT ${THROTTLE_PAGE_SIZE + 1}`;
  const counted = await prisma.$queryRaw<{ n: number }[]>`
    SELECT count(*)::int AS n FROM (SELECT 1 FROM sign_in_throttles WHERE delayed_until > ${now} LIMIT ${THROTTLE_COUNT_CAP + 1}) x`;
  const page = rows.slice(0, THROTTLE_PAGE_SIZE);
  const last = page.at(-1);
  return {
    items: page.map((r) => ({
      kind: throttleKind(r),
      address: r.address,
      email: r.email,
      user: r.user_id ? { id: r.user_id, name: r.user_name ?? "" } : null,
      failures: r.failures,
      refused: r.refused,
      lastFailedAt: r.last_failed_at,
      delayedUntil: r.delayed_until,
    })),
    total: counted[0]?.n ?? 0,
    next: rows.length > THROTTLE_PAGE_SIZE && last ? `${last.delayed_until.getTime()}.${b64(last.address)}.${b64(last.email)}` : null,
  };
}

const keySchema = z
  .object({
    address: z.string({ error: "key.invalid" }).trim().max(64, "key.invalid"),
    email: z.string({ error: "key.invalid" }).trim().toLowerCase().max(254, "key.invalid"),
  })
  .refine((k) => k.address !== "" || k.email !== "", { message: "key.invalid", path: ["form"] });

/**
 * Clear one delay (the row of an address, an account, or both) and forget its failures. An admin's,
 * audited with what was cleared; clearing what is no longer there changes nothing and says so.
 */
export async function clearSignInThrottle(
  viewer: Viewer,
  input: unknown,
  context: { ip?: string | null } = {},
): Promise<{ cleared: boolean }> {
  const parsed = safeParseText(keySchema, input);
  if (!parsed.success) throw new DomainError("invalid", "no such key", { form: "key.invalid" });
  refuseUnlessAllowed(viewer);
  const { address, email } = parsed.data;
  return prisma.$transaction(async (tx) => {
    const deleted = await tx.$queryRaw<{ failures: number; refused: number; delayed_until: Date | null; last_failed_at: Date }[]>`
      DELETE FROM sign_in_throttles WHERE address = ${address} AND email = ${email}
      RETURNING failures, refused, delayed_until, last_failed_at`;
    const row = deleted[0];
    if (!row) return { cleared: false };
    const user = email ? await tx.user.findUnique({ where: { email }, select: { id: true } }) : null;
    await recordAudit(tx, {
      actorId: viewer.id,
      action: "sign_in_throttle.cleared",
      objectType: user ? "User" : undefined,
      objectId: user?.id,
      before: {
        kind: throttleKind({ address, email }),
        address,
        email,
        failures: row.failures,
        refused: row.refused,
        delayedUntil: row.delayed_until?.toISOString() ?? null,
      },
      ip: context.ip ?? null,
    });
    return { cleared: true };
  });
}
