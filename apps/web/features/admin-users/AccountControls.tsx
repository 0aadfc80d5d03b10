"use client";

import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { useHydrated } from "@/lib/use-hydrated";
import { forceResetAction, setActiveAction, unlockAction, type AdminActionResult } from "./actions";
import { OneTimeLink } from "./OneTimeLink";
import { Outcome } from "./Outcome";

const button = "rounded-md border px-3 py-1.5 text-sm font-medium disabled:opacity-60";
const neutral = `${button} border-slate-300 bg-white text-slate-800 hover:bg-slate-50`;
const danger = `${button} border-red-300 bg-white text-red-800 hover:bg-red-50`;
const dangerSolid = `${button} border-red-700 bg-red-700 text-white hover:bg-red-800`;

/** A button that asks once more before an action that cannot be undone. */
function Confirm({
  label,
  question,
  yes,
  pending,
  onConfirm,
  testId,
}: {
  label: string;
  question: string;
  yes: string;
  pending: boolean;
  onConfirm: () => void;
  testId: string;
}) {
  const t = useTranslations("adminUsers");
  const [asking, setAsking] = useState(false);
  // A click before hydration would do nothing: the button waits for the script (see useHydrated).
  const hydrated = useHydrated();
  if (!asking) {
    return (
      <button type="button" className={danger} disabled={!hydrated} onClick={() => setAsking(true)} data-testid={testId}>
        {label}
      </button>
    );
  }
  return (
    <div className="flex flex-wrap items-center gap-2 rounded-md border border-red-200 bg-red-50 p-2" role="group" aria-label={label}>
      <span className="text-sm text-red-900">{question}</span>
      <button
        type="button"
        className={dangerSolid}
        disabled={pending}
        onClick={() => {
          onConfirm();
          setAsking(false);
        }}
      >
        {yes}
      </button>
      <button type="button" className="rounded-md px-2 py-1 text-sm text-slate-700 hover:bg-white" onClick={() => setAsking(false)}>
        {t("cancel")}
      </button>
    </div>
  );
}

function useAction() {
  const [result, setResult] = useState<AdminActionResult | null>(null);
  const [pending, startTransition] = useTransition();
  // A click before hydration would do nothing: the buttons wait for the script (see useHydrated).
  const hydrated = useHydrated();
  const run = (action: () => Promise<AdminActionResult>) =>
    startTransition(async () => {
      try {
        setResult(await action());
      } catch {
        setResult({ status: "error" });
      }
    });
  return { result, pending, hydrated, run };
}

export function StatusControl({ userId, active }: { userId: string; active: boolean }) {
  const t = useTranslations("adminUsers");
  const { result, pending, hydrated, run } = useAction();
  // What was just done decides the message; the page shows the status as it now is.
  const [last, setLast] = useState<boolean | null>(null);
  return (
    <div className="space-y-2">
      <p className="text-sm text-slate-700" data-testid="status-now">
        {active ? t("activity.activeNow") : t("activity.inactiveNow")}
      </p>
      <div className="flex flex-wrap items-center gap-3">
        {active ? (
          <Confirm
            label={t("activity.deactivate")}
            question={t("activity.deactivateConfirm")}
            yes={t("activity.deactivateYes")}
            pending={pending}
            testId="deactivate"
            onConfirm={() => {
              setLast(false);
              run(() => setActiveAction(userId, false));
            }}
          />
        ) : (
          <button
            type="button"
            className={neutral}
            disabled={pending || !hydrated}
            data-testid="reactivate"
            onClick={() => {
              setLast(true);
              run(() => setActiveAction(userId, true));
            }}
          >
            {t("activity.reactivate")}
          </button>
        )}
        <Outcome result={result} done={last ? t("activity.reactivated") : t("activity.deactivated")} testId="status-result" />
      </div>
    </div>
  );
}

export function UnlockControl({ userId, lockedUntil }: { userId: string; lockedUntil: string | null }) {
  const t = useTranslations("adminUsers");
  const { result, pending, hydrated, run } = useAction();
  const done = result?.status === "done" && result.unlocked === false ? t("lockSection.wasNotLocked") : t("lockSection.unlocked");
  return (
    <div className="flex flex-wrap items-center gap-3">
      {lockedUntil && (
        <button type="button" className={neutral} disabled={pending || !hydrated} onClick={() => run(() => unlockAction(userId))} data-testid="unlock">
          {t("lockSection.unlock")}
        </button>
      )}
      <Outcome result={result} done={done} testId="unlock-result" />
    </div>
  );
}

export function ResetControl({ userId, email, invitation }: { userId: string; email: string; invitation: boolean }) {
  const t = useTranslations("adminUsers");
  const { result, pending, run } = useAction();
  return (
    <div className="space-y-3">
      <p className="text-sm text-slate-600">{invitation ? t("reset.introInvite") : t("reset.intro")}</p>
      <Confirm
        label={invitation ? t("reset.buttonInvite") : t("reset.button")}
        question={invitation ? t("reset.confirmInvite") : t("reset.confirm")}
        yes={t("reset.yes")}
        pending={pending}
        testId="force-reset"
        onConfirm={() => run(() => forceResetAction(userId))}
      />
      {result?.status === "link" ? (
        <OneTimeLink key={result.link.url} link={result.link} email={email}>
          <p className="font-medium text-emerald-950" data-testid="reset-result">
            {result.link.purpose === "RESET" ? t("reset.done") : t("reset.doneInvite")}
          </p>
        </OneTimeLink>
      ) : (
        <Outcome result={result} done="" testId="reset-result" />
      )}
    </div>
  );
}
