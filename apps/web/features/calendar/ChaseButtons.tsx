"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { errorMessage } from "@/lib/error-message";
import { useActionForm } from "@/lib/use-action-form";
import { useHydrated } from "@/lib/use-hydrated";
import { chaseAll, chaseOne, type ChaseResult } from "./actions";

function Outcome({ result, testId }: { result: ChaseResult | null; testId: string }) {
  const t = useTranslations("chase");
  if (!result) return null;
  if (result.status === "saved") {
    return (
      <p role="status" className="text-xs text-emerald-800" data-testid={testId}>
        {t("done", { count: result.count })}
      </p>
    );
  }
  const key = result.status === "invalid" ? (result.fields.form ?? result.fields.note) : undefined;
  return (
    <p role="alert" className="text-xs text-red-800" data-testid={`${testId}-error`}>
      {errorMessage(t, key) ?? t("errors.generic")}
    </p>
  );
}

/** A chase button with its result beside it: the one thing both chase buttons are. */
function ChaseAction({
  run,
  label,
  idle,
  className,
  testId,
}: {
  run: () => Promise<ChaseResult>;
  label: string;
  idle: string;
  className: string;
  testId: "chase" | "chase-all";
}) {
  const t = useTranslations("chase");
  const router = useRouter();
  const { pending, result, submit } = useActionForm(() => run(), {
    // The page's own figures (the chase count column, "chased N times") follow at once.
    onResult: (outcome) => {
      if (outcome.status === "saved") router.refresh();
    },
  });
  // A click before hydration would do nothing: the button waits for the script (see useHydrated).
  const hydrated = useHydrated();
  return (
    <div className="flex flex-col items-start gap-1">
      <button
        type="button"
        disabled={pending || result?.status === "saved" || !hydrated}
        aria-label={label}
        onClick={submit}
        className={`${className} disabled:opacity-60`}
        data-testid={`${testId}-button`}
      >
        {pending ? t("chasing") : idle}
      </button>
      <Outcome result={result} testId={`${testId}-result`} />
    </div>
  );
}

/** 催办 one late initiative; the result is shown next to the button. */
export function ChaseButton({ initiativeId, code }: { initiativeId: string; code: string }) {
  const t = useTranslations("chase");
  return (
    <ChaseAction
      run={() => chaseOne(initiativeId, "")}
      label={t("chaseOne", { code })}
      idle={t("chase")}
      className="rounded-md border border-amber-600 bg-white px-2 py-1 text-xs font-medium text-amber-900 hover:bg-amber-50"
      testId="chase"
    />
  );
}

/** 催办全部逾期事项 of one department. */
export function ChaseDepartmentButton({ departmentId, name }: { departmentId: string; name: string }) {
  const t = useTranslations("chase");
  return (
    <ChaseAction
      run={() => chaseAll(departmentId)}
      label={t("chaseAllOf", { name })}
      idle={t("chaseAll")}
      className="rounded-md bg-amber-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-amber-800"
      testId="chase-all"
    />
  );
}
