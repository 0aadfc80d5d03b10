"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/Button";
import { useActionForm } from "@/lib/use-action-form";
import { useHydrated } from "@/lib/use-hydrated";
import { forceResetAction, setActiveAction, unlockAction, type AdminActionResult } from "./actions";
import { OneTimeLink } from "./OneTimeLink";
import { Outcome } from "./Outcome";

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
      <Button variant="danger" size="sm" disabled={!hydrated} onClick={() => setAsking(true)} data-testid={testId}>
        {label}
      </Button>
    );
  }
  return (
    <div className="flex flex-wrap items-center gap-2 rounded-md border border-red-200 bg-red-50 p-2" role="group" aria-label={label}>
      <span className="text-sm text-red-900">{question}</span>
      <Button
        variant="dangerSolid"
        size="sm"
        disabled={pending}
        onClick={() => {
          onConfirm();
          setAsking(false);
        }}
      >
        {yes}
      </Button>
      <Button variant="ghost" size="sm" onClick={() => setAsking(false)}>
        {t("cancel")}
      </Button>
    </div>
  );
}

function useAction() {
  const { result, pending, submitWith } = useActionForm<AdminActionResult>(null);
  // A click before hydration would do nothing: the buttons wait for the script (see useHydrated).
  const hydrated = useHydrated();
  return { result, pending, hydrated, run: submitWith };
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
          <Button
            variant="secondary"
            size="sm"
            disabled={pending || !hydrated}
            data-testid="reactivate"
            onClick={() => {
              setLast(true);
              run(() => setActiveAction(userId, true));
            }}
          >
            {t("activity.reactivate")}
          </Button>
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
        <Button variant="secondary" size="sm" disabled={pending || !hydrated} onClick={() => run(() => unlockAction(userId))} data-testid="unlock">
          {t("lockSection.unlock")}
        </Button>
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
