"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { createContext, use, useCallback, useId, useMemo, useRef, useState, useTransition, type ReactNode } from "react";
import { Button } from "@/components/Button";
import { Field, inputClass } from "@/components/Field";
import { errorMessage } from "@/lib/error-message";
import { useActionForm } from "@/lib/use-action-form";
import { useHydrated } from "@/lib/use-hydrated";
import { chaseAll, chaseOne, previewChaseAll, type ChasePreviewResult, type ChaseResult } from "./actions";

// A chase (催办) is written before it is sent: each chase control is one button that opens a small
// modal dialog (the browser's own <dialog>: focus moves into it and is kept there, Escape closes it,
// focus returns to the button) with an optional note and reply-by day; a department-wide chase first
// says how many late items and people it reaches, and is sent by confirming those figures. The
// dialog exists only while open, so a table of 40 departments carries 40 buttons, not 40 forms.
// Like every form here, the controls wait for the page's script (see useHydrated).

type TestId = "chase" | "chase-all";

/** The days a reply-by may take, as the date picker's bounds (the server checks them again). */
export interface ReplyByBounds {
  minDate: string;
  maxDate: string;
}

/** What the form in an open dialog may do to it: close it, or report the result (a success closes it). */
const DialogContext = createContext<{ close: () => void; done: (result: ChaseResult | { status: "error" }) => void }>({
  close: () => {},
  done: () => {},
});

/** The trigger, the dialog while open, and the result beside the trigger once sent. */
function ChaseControl({
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
  // Opened as a modal the moment it is mounted; its first field (or its first button) takes the focus.
  const mount = useCallback((dialog: HTMLDialogElement | null) => {
    dialogRef.current = dialog;
    if (!dialog || dialog.open) return;
    dialog.showModal();
    dialog.querySelector<HTMLElement>("textarea, input, button:not([disabled])")?.focus();
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
          className="m-auto w-[min(32rem,calc(100vw-2rem))] rounded-lg border border-slate-200 bg-white p-5 text-left text-slate-900 shadow-xl backdrop:bg-slate-900/40"
          data-testid={`${testId}-dialog`}
        >
          <h2 id={titleId} className="mb-3 text-base font-semibold">
            {title}
          </h2>
          <DialogContext value={dialogActions}>{children}</DialogContext>
        </dialog>
      )}
    </div>
  );
}

/** The note and the reply-by day, with their messages; what was typed stays when the send is refused. */
function ChaseForm({
  testId,
  bounds,
  send,
  submitLabel,
  ready = true,
  before,
  onResult,
}: {
  testId: TestId;
  bounds?: ReplyByBounds;
  send: (fields: { note: string; replyBy: string }) => Promise<ChaseResult>;
  submitLabel: string;
  /** False while the figures to confirm are not there: the send waits. */
  ready?: boolean;
  /** What the dialog says before the fields (the figures of a department-wide chase). */
  before?: ReactNode;
  /** Follows each answer, before the dialog hears of it. */
  onResult?: (result: ChaseResult | { status: "error" }) => void;
}) {
  const t = useTranslations("chase");
  const router = useRouter();
  const { close, done } = use(DialogContext);
  const [note, setNote] = useState("");
  const [replyBy, setReplyBy] = useState("");
  const { pending, result, errors, submit } = useActionForm(() => send({ note, replyBy }), {
    onResult: (outcome) => {
      // The page's own figures (the chase count column, "chased N times", the history) follow at once.
      if (outcome.status === "saved") router.refresh();
      onResult?.(outcome);
      done(outcome);
    },
  });
  const id = useId();
  const message = (key: string | undefined) => errorMessage(t, key);
  const noteError = message(errors.note);
  const replyByError = message(errors.replyBy);
  const formError = result?.status === "error" || result?.status === "signed-out" ? t("errors.generic") : message(errors.form);
  return (
    <form method="post" noValidate onSubmit={submit} className="space-y-3">
      {before}
      <Field id={`${id}-note`} label={t("note")} hint={t("noteHint")} describeHintFirst error={noteError} errorTestId={`${testId}-note-error`}>
        {(control) => (
          <textarea {...control} name="note" rows={3} maxLength={500} value={note} onChange={(e) => setNote(e.target.value)} className={inputClass} />
        )}
      </Field>
      <Field id={`${id}-reply-by`} label={t("replyBy")} hint={t("replyByHint")} describeHintFirst error={replyByError} errorTestId={`${testId}-reply-by-error`}>
        {(control) => (
          <input
            {...control}
            name="replyBy"
            type="date"
            min={bounds?.minDate}
            max={bounds?.maxDate}
            value={replyBy}
            onChange={(e) => setReplyBy(e.target.value)}
            className={`${inputClass} max-w-xs`}
          />
        )}
      </Field>
      {formError && (
        <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800" data-testid={`${testId}-error`}>
          {formError}
        </p>
      )}
      <div className="flex flex-wrap justify-end gap-2 pt-1">
        <Button variant="ghost" size="sm" onClick={close}>
          {t("cancel")}
        </Button>
        <Button type="submit" size="sm" disabled={pending || !ready} data-testid={`${testId}-send`}>
          {pending ? t("chasing") : submitLabel}
        </Button>
      </div>
    </form>
  );
}

const ONE_CLASS = "rounded-md border border-amber-600 bg-white px-2 py-1 text-xs font-medium text-amber-900 hover:bg-amber-50";
const ALL_CLASS = "rounded-md border border-amber-700 bg-white px-2.5 py-1 text-sm font-medium text-amber-900 hover:bg-amber-50";

/** 催办 one late initiative: a note and a reply-by day, then send. */
export function ChaseButton({ initiativeId, code, bounds }: { initiativeId: string; code: string; bounds?: ReplyByBounds }) {
  const t = useTranslations("chase");
  return (
    <ChaseControl testId="chase" triggerLabel={t("chaseOne", { code })} triggerText={t("open")} triggerClass={ONE_CLASS} title={t("chaseOne", { code })}>
      <ChaseForm testId="chase" bounds={bounds} send={(fields) => chaseOne(initiativeId, fields)} submitLabel={t("send")} />
    </ChaseControl>
  );
}

/** 催办 a department's late initiatives: the figures it reaches, a note and a day, then confirm. */
export function ChaseDepartmentButton({ departmentId, name }: { departmentId: string; name: string }) {
  const t = useTranslations("chase");
  const [preview, setPreview] = useState<ChasePreviewResult | null>(null);
  const [loading, startLoading] = useTransition();
  const load = () =>
    startLoading(async () => {
      try {
        setPreview(await previewChaseAll(departmentId));
      } catch {
        setPreview({ status: "error" });
      }
    });
  const figures = preview?.status === "preview" ? preview : null;
  return (
    <ChaseControl
      testId="chase-all"
      triggerLabel={t("chaseAllOf", { name })}
      triggerText={t("open")}
      triggerClass={ALL_CLASS}
      title={t("chaseAllTitle", { name })}
      onOpen={() => {
        setPreview(null);
        load();
      }}
    >
      <ChaseForm
        testId="chase-all"
        bounds={figures ?? undefined}
        ready={!loading && figures !== null && figures.count > 0}
        send={(fields) => chaseAll(departmentId, { ...fields, expectedCount: figures?.count ?? 0 })}
        submitLabel={figures ? t("confirmAll", { count: figures.count }) : t("send")}
        onResult={(result) => {
          // The late list changed since the figures were shown: show the new ones to confirm.
          if (result.status === "invalid" && result.fields.form === "chase.changed") load();
        }}
        before={<Figures loading={loading} preview={preview} />}
      />
    </ChaseControl>
  );
}

/** What a department-wide chase reaches, said before it is confirmed. */
function Figures({ loading, preview }: { loading: boolean; preview: ChasePreviewResult | null }) {
  const t = useTranslations("chase");
  if (loading || !preview) {
    return (
      <p role="status" className="text-sm text-slate-600" data-testid="chase-all-preview">
        {t("previewLoading")}
      </p>
    );
  }
  if (preview.status !== "preview") {
    return (
      <p role="alert" className="text-sm text-red-800" data-testid="chase-all-preview">
        {t("errors.generic")}
      </p>
    );
  }
  if (preview.count === 0) {
    return (
      <p role="status" className="text-sm text-slate-700" data-testid="chase-all-preview">
        {t("previewNone")}
      </p>
    );
  }
  const shown = preview.codes.slice(0, 12);
  return (
    <div role="status" className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-950" data-testid="chase-all-preview">
      <p className="font-medium" data-testid="chase-all-figures">
        {t("preview", { count: preview.count, recipients: preview.recipients })}
      </p>
      <p className="mt-1 break-words text-xs text-amber-900">
        {t("previewCodes", { codes: shown.join("、"), more: preview.codes.length - shown.length })}
      </p>
      {preview.recipients === 0 && <p className="mt-1 text-xs text-red-800">{t("previewNoRecipients")}</p>}
    </div>
  );
}
