"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/components/Alert";
import { Button } from "@/components/Button";
import { Field, inputClass } from "@/components/Field";
import { useActionForm } from "@/lib/use-action-form";
import { useHydrated } from "@/lib/use-hydrated";
import { addThemeAction, updateThemeAction, type AdminResult, type ThemeFields } from "./actions";
import { useErrorText } from "./form-kit";

interface Props {
  planId: string;
  /** editing this theme; without it, a new theme at the end of the plan */
  theme?: { id: string; code: string; title: string; intro: string };
  onDone?: () => void;
}

export function ThemeForm({ planId, theme, onDone }: Props) {
  const t = useTranslations("adminPlans");
  const errorText = useErrorText();
  const router = useRouter();
  const [fields, setFields] = useState<ThemeFields>({ title: theme?.title ?? "", intro: theme?.intro ?? "" });
  const { pending, result, errors, submit } = useActionForm<AdminResult>(
    () => (theme ? updateThemeAction(planId, theme.id, fields) : addThemeAction(planId, fields)),
    {
      onResult: (outcome) => {
        if (outcome.status !== "saved") return;
        if (!theme) setFields({ title: "", intro: "" });
        router.refresh();
        onDone?.();
      },
    },
  );
  // Usable once hydrated: what is typed earlier would be lost (see useHydrated).
  const hydrated = useHydrated();
  const prefix = theme ? `theme-${theme.code}` : "new-theme";

  const formError =
    result?.status === "signed-out" ? t("errors.form.signedOut") : result?.status === "error" ? t("errors.form.failed") : errors.form ? errorText(errors.form) : null;

  return (
    <form onSubmit={submit} method="post" noValidate data-testid={`${prefix}-form`}>
      <fieldset disabled={!hydrated} className="m-0 min-w-0 space-y-3 border-0 p-0">
        {result?.status === "saved" && !theme && <Alert kind="ok">{t("themes.added")}</Alert>}
        {formError && <Alert kind="error">{formError}</Alert>}
        <Field id={`${prefix}-title`} label={t("themes.titleField")} error={errorText(errors.title)} errorTestId={`error-${prefix}-title`}>
          {(control) => (
            <input {...control} value={fields.title} maxLength={500} lang="zh-Hant" onChange={(e) => setFields((f) => ({ ...f, title: e.target.value }))} className={inputClass} />
          )}
        </Field>
        <Field id={`${prefix}-intro`} label={t("themes.intro")} error={errorText(errors.intro)} errorTestId={`error-${prefix}-intro`}>
          {(control) => (
            <textarea {...control} rows={2} value={fields.intro} lang="zh-Hant" onChange={(e) => setFields((f) => ({ ...f, intro: e.target.value }))} className={inputClass} />
          )}
        </Field>
        <div className="flex flex-wrap gap-2">
          <Button type="submit" disabled={pending}>
            {theme ? (pending ? t("saving") : t("save")) : pending ? t("themes.adding") : t("themes.add")}
          </Button>
          {onDone && (
            <Button variant="secondary" onClick={onDone}>
              {t("cancel")}
            </Button>
          )}
        </div>
      </fieldset>
    </form>
  );
}

/** A theme's heading with its edit form behind a button. */
export function ThemeHeader({ planId, theme, label }: { planId: string; theme: { id: string; code: string; title: string; intro: string }; label: string }) {
  const t = useTranslations("adminPlans");
  const [editing, setEditing] = useState(false);
  const hydrated = useHydrated();
  if (editing) return <ThemeForm planId={planId} theme={theme} onDone={() => setEditing(false)} />;
  return (
    <Button variant="secondary" size="sm" onClick={() => setEditing(true)} disabled={!hydrated} aria-label={t("themes.editLabel", { code: theme.code })}>
      {label}
    </Button>
  );
}
