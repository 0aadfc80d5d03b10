"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/Button";
import { inputClass } from "@/components/Field";
import { useActionForm } from "@/lib/use-action-form";
import { useHydrated } from "@/lib/use-hydrated";
import { saveUpdateText } from "./actions";

/** The author corrects the wording of an update until it is reviewed. */
export function EditUpdateText(props: {
  initiativeId: string;
  updateId: string;
  version: number;
  workDone: string;
  problems: string;
  nextSteps: string;
}) {
  const t = useTranslations("timeline");
  const tr = useTranslations("report");
  const [open, setOpen] = useState(false);
  const [values, setValues] = useState({ workDone: props.workDone, problems: props.problems, nextSteps: props.nextSteps });
  const { pending, result, submit, setResult } = useActionForm(
    (data) => {
      const form = data ?? new FormData();
      form.set("version", String(props.version));
      return saveUpdateText(props.initiativeId, props.updateId, form);
    },
    {
      onResult: (outcome) => {
        if (outcome.status !== "saved") return;
        setOpen(false);
        setResult(null);
      },
    },
  );
  // The form opens with a click, which does nothing before hydration: the button waits (see useHydrated).
  const hydrated = useHydrated();
  if (!open) {
    return (
      <button type="button" onClick={() => setOpen(true)} disabled={!hydrated} className="mt-2 text-sm text-brand-700 hover:underline">
        {t("edit")}
      </button>
    );
  }
  let error: string | null = null;
  if (result?.status === "invalid") {
    const key = result.fields.workDone ?? result.fields.version ?? result.fields.form ?? "";
    error = tr.has(`errors.${key}`) ? tr(`errors.${key}`) : t("readOnly");
  } else if (result && result.status !== "saved") error = tr("unavailable");
  return (
    <form method="post" className="mt-3 space-y-3 rounded-md border border-slate-200 bg-slate-50 p-3" onSubmit={submit}>
      {error && (
        <p className="text-sm text-red-700" data-testid="edit-error">
          {error}
        </p>
      )}
      {(["workDone", "problems", "nextSteps"] as const).map((name) => (
        <div key={name}>
          <label htmlFor={`${props.updateId}-${name}`} className="block text-xs font-medium text-slate-600">
            {t(name)}
          </label>
          <textarea
            id={`${props.updateId}-${name}`}
            name={name}
            rows={name === "workDone" ? 3 : 2}
            value={values[name]}
            onChange={(e) => setValues((v) => ({ ...v, [name]: e.target.value }))}
            className={`${inputClass} text-sm`}
          />
        </div>
      ))}
      <div className="flex gap-2">
        <Button type="submit" size="sm" disabled={pending}>
          {t("editSave")}
        </Button>
        <Button variant="ghost" size="sm" onClick={() => setOpen(false)}>
          {t("editCancel")}
        </Button>
      </div>
    </form>
  );
}
