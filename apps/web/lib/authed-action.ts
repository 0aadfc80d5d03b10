import "server-only";
import { getSession, type SessionViewer } from "@workplan/auth";
import { clientIp } from "@workplan/auth/client-ip";
import { DomainError } from "@workplan/core/operations/errors";
import { can, type Action } from "@workplan/core/rules/policy";
import { headers } from "next/headers";
import { isRejectedInput } from "@workplan/core/infra/db-errors";

// The one transport of the server actions: the session, the client's address for the audit trail,
// and what becomes of a refusal. The operation decides what may be done (rules/policy.ts); an
// action only parses what its form sent and says which operation to call.

export type SignedOut = { status: "signed-out" };
export type Invalid = { status: "invalid"; fields: Record<string, string> };
export type Failed = { status: "error" };

export interface ActionContext {
  viewer: SessionViewer;
  /** For the audit trail (see @workplan/auth/client-ip). */
  ip: string | null;
}

/** What an operation's refusal shows by default: its field messages, else its code on the form. */
export function invalid(error: DomainError): Invalid {
  return { status: "invalid", fields: error.fields ?? { form: error.code } };
}

/** What an action requires of the viewer's role at all ("signed-in": any signed-in user); the operation checks the thing acted on. */
export type ActionPermission = Action | "signed-in";

/**
 * Run `run` as the signed-in viewer who may `permission` (else it is refused as not found, before
 * anything is read). No session: "signed-out", not a redirect, so the form keeps
 * what was typed and says to sign in again. A refusal of the operation (DomainError) becomes what
 * `refused` makes of it (by default its field messages); anything else is logged under `label`
 * and answered with a generic error, never a stack trace.
 */
export async function authedAction<R, E = Invalid>(
  permission: ActionPermission,
  label: string,
  run: (context: ActionContext) => Promise<R>,
  refused?: (error: DomainError) => E,
): Promise<R | E | SignedOut | Failed> {
  const viewer = await getSession();
  if (!viewer) return { status: "signed-out" };
  try {
    if (permission !== "signed-in" && !can(viewer, permission)) throw new DomainError("not_found", "not for this viewer");
    return await run({ viewer, ip: clientIp(await headers()) });
  } catch (error) {
    if (error instanceof DomainError) return refused ? refused(error) : (invalid(error) as E);
    // A value PostgreSQL refused is the form's fault: said on the form, not as a server failure.
    if (isRejectedInput(error)) return { status: "invalid", fields: { form: "form.invalid" } } as E;
    console.error(`${label} failed`, error);
    return { status: "error" };
  }
}
