"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { Button } from "@/components/Button";
import { useActionForm } from "@/lib/use-action-form";
import { useHydrated } from "@/lib/use-hydrated";
import { signOutOthersAction } from "./actions";

export function SignOutOthersButton() {
  const t = useTranslations("account");
  const router = useRouter();
  const { pending, result, submit } = useActionForm(() => signOutOthersAction(), {
    onResult: (outcome) => {
      if (outcome.status === "done") router.refresh();
    },
  });
  // A click before hydration would do nothing: the button waits for the script (see useHydrated).
  const hydrated = useHydrated();

  return (
    <div className="flex flex-wrap items-center gap-3">
      <Button variant="danger" size="sm" onClick={submit} disabled={pending || !hydrated}>
        {pending ? t("sessions.signingOut") : t("sessions.signOutOthers")}
      </Button>
      <span aria-live="polite" className="text-sm" data-testid="sign-out-others-result">
        {result?.status === "done" && <span className="text-emerald-800">{t("sessions.signedOutOthers", { count: result.ended })}</span>}
        {result?.status === "signed-out" && <span className="text-red-700">{t("errors.signedOut")}</span>}
        {result?.status === "error" && <span className="text-red-700">{t("errors.failed")}</span>}
      </span>
    </div>
  );
}
