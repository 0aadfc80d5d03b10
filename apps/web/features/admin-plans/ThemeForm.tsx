"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Field } from "@/components/Field";
import { useHydrated } from "@/lib/use-hydrated";
import { addThemeAction, updateThemeAction, type AdminResult, type ThemeFields } from "./actions";
import { FormMessage, inputClass, labelClass, primaryButton, secondaryButton, useErrorText, type Errors } from "./form-kit";

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
  const [errors, setErrors] = useState<Errors>({});
  const [result, setResult] = useState<AdminResult | null>(null);
  const [pending, startTransition] = useTransition();
  // Usable once hydrated: what is typed earlier would be lost (see useHydrated).
  const hydrated = useHydrated();
  const prefix = theme ? `theme-${theme.code}` : "new-theme";

  function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    startTransition(async () => {
      let outcome: AdminResult;
      try {
        outcome = theme ? await updateThemeAction(planId, theme.id, fields) : await addThemeAction(planId, fields);
      } catch {
        outcome = { status: "error" };
      }
      setResult(outcome);
      setErrors(outcome.status === "invalid" ? outcome.fields : {});
      if (outcome.status === "saved") {
        if (!theme) setFields({ title: "", intro: "" });
        router.refresh();
        onDone?.();
      }
    });
  }

  const formError =
    result?.status === "signed-out" ? t("errors.form.signedOut") : result?.status === "error" ? t("errors.form.failed") : errors.form ? errorText(errors.form) : null;

  return (
    <form onSubmit={submit} method="post" noValidate data-testid={`${prefix}-form`}>
      <fieldset disabled={!hydrated} className="m-0 min-w-0 space-y-3 border-0 p-0">
        {result?.status === "saved" && !theme && <FormMessage kind="ok" text={t("themes.added")} />}
        {formError && <FormMessage kind="error" text={formError} />}
        <Field id={`${prefix}-title`} label={t("themes.titleField")} labelClassName={labelClass} error={errorText(errors.title)} errorTestId={`error-${prefix}-title`}>
          {(control) => (
            <input {...control} value={fields.title} maxLength={500} lang="zh-Hant" onChange={(e) => setFields((f) => ({ ...f, title: e.target.value }))} className={inputClass} />
          )}
        </Field>
        <Field id={`${prefix}-intro`} label={t("themes.intro")} labelClassName={labelClass} error={errorText(errors.intro)} errorTestId={`error-${prefix}-intro`}>
          {(control) => (
            <textarea {...control} rows={2} value={fields.intro} lang="zh-Hant" onChange={(e) => setFields((f) => ({ ...f, intro: e.target.value }))} className={inputClass} />
          )}
        </Field>
        <div className="flex flex-wrap gap-2">
          <button type="submit" disabled={pending} className={primaryButton}>
            {theme ? (pending ? t("saving") : t("save")) : pending ? t("themes.adding") : t("themes.add")}
          </button>
          {onDone && (
            <button type="button" onClick={onDone} className={secondaryButton}>
              {t("cancel")}
            </button>
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
    <button type="button" onClick={() => setEditing(true)} disabled={!hydrated} className={secondaryButton} aria-label={t("themes.editLabel", { code: theme.code })}>
      {label}
    </button>
  );
}
