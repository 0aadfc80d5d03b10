"use client";

import { useState, useTransition, type SyntheticEvent } from "react";

// The one way a form (or a button) here calls its server action: in a transition, so that `pending`
// holds while the action runs and the page it revalidates is rendered; an action that throws (the
// network is down, the server fails) is shown as { status: "error" } rather than breaking the page;
// the answer is kept in `result`, and while it is "invalid" its field messages are in `errors`.
// The form's fields stay in its own state: nothing here clears what was typed.

/** What every action answers with; "invalid" carries message keys by field ("name.required"). */
export type ActionOutcome = { status: string; fields?: Record<string, string> };

/** A thrown action. */
export type ActionFailed = { status: "error" };

const NO_ERRORS: Record<string, string> = {};

export interface ActionForm<R> {
  /** The action is running (and what it revalidated is being rendered). */
  pending: boolean;
  /** The last answer; null before the first, and after `setResult(null)`. */
  result: R | ActionFailed | null;
  /** Field → message key while the last answer was "invalid"; empty otherwise. */
  errors: Record<string, string>;
  /**
   * Run the action: a form's onSubmit (its default is prevented, and `run` is given what the form
   * holds as FormData) or a button's onClick.
   */
  submit: (event?: SyntheticEvent) => void;
  /**
   * Run another action of the same form (a second button), with the same pending and result;
   * `then` follows its answer instead of `onResult`.
   */
  submitWith: (run: () => Promise<R>, then?: (result: R | ActionFailed) => void) => void;
  /** Set or clear the answer without an action (a check in the browser, a cancel). */
  setResult: (result: R | ActionFailed | null) => void;
}

/**
 * `run` calls the action with what the form holds now (its state, or the FormData of the submitted
 * form, read as it is sent); null when each button runs an action of its own (`submitWith`).
 * `onResult` follows every answer (a thrown action included), inside the transition: the place to
 * clear the fields after a save, refresh or move on.
 */
export function useActionForm<R extends ActionOutcome>(
  run: ((data: FormData | null) => Promise<R>) | null,
  options: { onResult?: (result: R | ActionFailed) => void } = {},
): ActionForm<R> {
  const [result, setResult] = useState<R | ActionFailed | null>(null);
  const [pending, startTransition] = useTransition();
  const { onResult } = options;

  function submitWith(action: () => Promise<R>, then = onResult) {
    startTransition(async () => {
      let outcome: R | ActionFailed;
      try {
        outcome = await action();
      } catch {
        outcome = { status: "error" };
      }
      setResult(outcome);
      then?.(outcome);
    });
  }

  return {
    pending,
    result,
    errors: result?.status === "invalid" && "fields" in result && result.fields ? result.fields : NO_ERRORS,
    submit: (event) => {
      event?.preventDefault();
      if (!run) return;
      const data = event?.currentTarget instanceof HTMLFormElement ? new FormData(event.currentTarget) : null;
      submitWith(() => run(data));
    },
    submitWith,
    setResult,
  };
}
