import type { ReactNode } from "react";

// The notice box: what went wrong (error), what was done (ok), something to know (info), or a
// refusal to read before going on (warn). No hooks: usable from server and client components alike.

export type AlertKind = "error" | "ok" | "info" | "warn";

const BOX: Record<AlertKind, string> = {
  error: "border-red-200 bg-red-50 text-red-800",
  ok: "border-emerald-200 bg-emerald-50 text-emerald-900",
  info: "border-slate-300 bg-slate-100 text-slate-800",
  warn: "border-amber-200 bg-amber-50 text-amber-900",
};

// A panel holds more than a line (a heading, links, a one-time token): a larger box, a stronger edge.
const PANEL: Record<AlertKind, string> = {
  error: "border-red-300 bg-red-50",
  ok: "border-emerald-300 bg-emerald-50",
  info: "border-slate-300 bg-slate-100",
  warn: "border-amber-300 bg-amber-50",
};

/** What the box is announced as, unless `role` says otherwise. */
const ROLE: Record<AlertKind, "alert" | "status"> = { error: "alert", warn: "alert", ok: "status", info: "status" };

interface AlertProps {
  kind: AlertKind;
  /** "alert" for an error or a refusal, "status" otherwise; null for a box that is not announced. */
  role?: "alert" | "status" | null;
  /** An aria-live of its own (a box that is always there and changes). */
  live?: "polite" | "assertive";
  /** A larger box holding more than a line (a <div>, or a <section>). */
  panel?: boolean | "section";
  id?: string;
  testId?: string;
  /** Layout only: a margin, say. */
  className?: string;
  children: ReactNode;
}

export function Alert({ kind, role, live, panel = false, id, testId, className, children }: AlertProps) {
  const look = panel ? `rounded-lg border p-4 ${PANEL[kind]}` : `rounded-md border px-3 py-2 text-sm ${BOX[kind]}`;
  const props = {
    id,
    role: role === null ? undefined : (role ?? ROLE[kind]),
    "aria-live": live,
    "data-testid": testId,
    className: className ? `${look} ${className}` : look,
  };
  if (panel === "section") return <section {...props}>{children}</section>;
  if (panel) return <div {...props}>{children}</div>;
  return <p {...props}>{children}</p>;
}
