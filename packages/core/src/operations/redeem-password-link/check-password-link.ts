import { prisma } from "@workplan/db";
import "server-only";
import { hashPasswordLinkToken, isPasswordLinkToken } from "../password-link";
import { type PasswordLinkState } from "./shared";

/** What the set-password page shows before the form: the link's user, or why the link does not work. */
export async function checkPasswordLink(token: unknown, now: Date = new Date()): Promise<PasswordLinkState> {
  if (!isPasswordLinkToken(token)) return { status: "invalid" };
  const link = await prisma.passwordLink.findUnique({
    where: { tokenHash: hashPasswordLinkToken(token) },
    select: { purpose: true, usedAt: true, expiresAt: true, user: { select: { email: true, name: true, active: true } } },
  });
  if (!link || !link.user.active) return { status: "invalid" };
  if (link.usedAt) return { status: "used" };
  if (link.expiresAt <= now) return { status: "expired" };
  return { status: "valid", purpose: link.purpose, email: link.user.email, name: link.user.name, expiresAt: link.expiresAt };
}
