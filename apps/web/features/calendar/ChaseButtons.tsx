"use client";

import { useTranslations } from "next-intl";
import { lazy, Suspense, useCallback, useId, useMemo, useRef, useState, type ReactNode } from "react";
import { useHydrated } from "@/lib/use-hydrated";
import { chaseOne, type ChaseResult } from "./actions";
import { DialogContext, type ReplyByBounds, type TestId } from "./chase-dialog";

/** The form inside the dialog, fetched as a dialog first opens. */
export const ChaseForm = lazy(() => import("./ChaseForm"));

// A chase (催办) is written before it is sent: each chase control is one button that opens a small
// modal dialog (the browser's own <dialog>: focus moves into it and is kept there, Escape closes it,
// focus returns to the button) with an optional note and reply-by day; a department-wide chase first
// says how many late items and people it reaches, and is sent by confirming those figures. The
// dialog exists only while open, so a table of 40 departments carries 40 buttons, not 40 forms.
// Like every form here, the controls wait for the page's script (see useHydrated); the form itself
// (ChaseForm.tsx) is fetched when a dialog first opens.

/** The trigger, the dialog while open, and the result beside the trigger once sent. */
export function ChaseControl({
  testId,
  triggerLabel,
  triggerText,
  triggerClass,
  title,
  onOpen,
  children,
}: {
  testId: TestId;
  triggerLabel: string;
  triggerText: string;
  triggerClass: string;
  title: string;
  /** Called as the dialog opens (to load a preview). */
  onOpen?: () => void;
  /** The dialog's body (a ChaseForm, which closes it through DialogContext). */
  children: ReactNode;
}) {
  const t = useTranslations("chase");
  const hydrated = useHydrated();
  const [open, setOpen] = useState(false);
  const [sent, setSent] = useState<Extract<ChaseResult, { status: "saved" }> | null>(null);
  const trigger = useRef<HTMLButtonElement>(null);
  const titleId = useId();
  const dialogRef = useRef<HTMLDialogElement | null>(null);
  // The dialog is closed before the focus goes back: while a modal dialog is open, the rest of the page is inert.
  const close = useCallback(() => {
    if (dialogRef.current?.open) dialogRef.current.close();
    setOpen(false);
    trigger.current?.focus();
  }, []);
  const dialogActions = useMemo(
    () => ({
      close,
      done: (result: ChaseResult | { status: "error" }) => {
        if (result.status === "saved") {
          setSent(result);
          close();
        }
      },
    }),
    [close],
  );
  // Opened as a modal the moment it is mounted; the form's note takes the focus once it is there.
  const mount = useCallback((dialog: HTMLDialogElement | null) => {
    dialogRef.current = dialog;
    if (!dialog || dialog.open) return;
    dialog.showModal();
  }, []);
  return (
    <div className="flex flex-col items-start gap-1">
      <button
        ref={trigger}
        type="button"
        aria-label={triggerLabel}
        aria-haspopup="dialog"
        // Stays usable after a send: the focus comes back to it, and a second chase is written, never a stray click.
        disabled={!hydrated}
        onClick={() => {
          setOpen(true);
          onOpen?.();
        }}
        className={`${triggerClass} whitespace-nowrap disabled:opacity-60`}
        data-testid={`${testId}-button`}
      >
        {triggerText}
      </button>
      {sent && (
        <p role="status" className="text-xs text-emerald-800" data-testid={`${testId}-result`}>
          {sent.recipients === undefined ? t("done", { count: sent.count }) : t("doneAll", { count: sent.count, recipients: sent.recipients })}
        </p>
      )}
      {open && (
        <dialog
          ref={mount}
          aria-labelledby={titleId}
          // Escape closes the dialog (the browser's cancel): the state follows, the focus goes back.
          onClose={close}
          className="m-auto max-h-[calc(100dvh-2rem)] w-[min(32rem,calc(100vw-2rem))] overflow-y-auto rounded-lg border border-slate-200 p-5 text-slate-900 shadow-xl backdrop:bg-slate-900/40"
          data-testid={`${testId}-dialog`}
        >
          <h2 id={titleId} className="mb-3 text-base font-semibold">
            {title}
          </h2>
          <DialogContext value={dialogActions}>
            <Suspense fallback={<p className="text-sm text-slate-600">{t("loading")}</p>}>{children}</Suspense>
          </DialogContext>
        </dialog>
      )}
    </div>
  );
}

const ONE_CLASS = "rounded-md border border-amber-600 bg-white px-2 py-1 text-xs font-medium text-amber-900 hover:bg-amber-50";
export const ALL_CLASS = "rounded-md border border-amber-700 bg-white px-2.5 py-1 text-sm font-medium text-amber-900 hover:bg-amber-50";

/** 催办 one late initiative: a note and a reply-by day, then send. */
export function ChaseButton({ initiativeId, code, bounds }: { initiativeId: string; code: string; bounds?: ReplyByBounds }) {
  const t = useTranslations("chase");
  return (
    <ChaseControl testId="chase" triggerLabel={t("chaseOne", { code })} triggerText={t("open")} triggerClass={ONE_CLASS} title={t("chaseOne", { code })}>
      <ChaseForm testId="chase" bounds={bounds} send={(fields) => chaseOne(initiativeId, fields)} submitLabel={t("send")} />
    </ChaseControl>
  );
}
