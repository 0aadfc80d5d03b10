"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { use, useEffect, useId, useRef, useState, type ReactNode } from "react";
import { Alert } from "@/components/Alert";
import { Button } from "@/components/Button";
import { Field, inputClass } from "@/components/Field";
import { errorMessage } from "@/lib/error-message";
import { useActionForm } from "@/lib/use-action-form";
import type { ChaseResult } from "./actions";
import { DialogContext, type ReplyByBounds, type TestId } from "./chase-dialog";

// The chase dialog's form, loaded when a dialog first opens (ChaseButtons.tsx): a page of chase
// buttons carries the buttons, not the form.

/** The note and the reply-by day, with their messages; what was typed stays when the send is refused. */
export default function ChaseForm({
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
  // The note takes the focus as the form appears in the dialog.
  const noteRef = useRef<HTMLTextAreaElement>(null);
  useEffect(() => noteRef.current?.focus(), []);
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
          <textarea {...control} ref={noteRef} name="note" rows={3} maxLength={500} value={note} onChange={(e) => setNote(e.target.value)} className={inputClass} />
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
        <Alert kind="error" testId={`${testId}-error`}>
          {formError}
        </Alert>
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

