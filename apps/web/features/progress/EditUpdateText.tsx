"use client";

import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
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
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  // The form opens with a click, which does nothing before hydration: the button waits (see useHydrated).
  const hydrated = useHydrated();
  if (!open) {
    return (
      <button type="button" onClick={() => setOpen(true)} disabled={!hydrated} className="mt-2 text-sm text-brand-700 hover:underline">
        {t("edit")}
      </button>
    );
  }
  const input = "mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm";
  return (
    <form
      method="post"
      className="mt-3 space-y-3 rounded-md border border-slate-200 bg-slate-50 p-3"
      onSubmit={(event) => {
        event.preventDefault();
        const data = new FormData(event.currentTarget);
        data.set("version", String(props.version));
        startTransition(async () => {
          const result = await saveUpdateText(props.initiativeId, props.updateId, data).catch(() => ({ status: "error" as const }));
          if (result.status === "saved") {
            setOpen(false);
            setError(null);
          } else if (result.status === "invalid") {
            const key = result.fields.workDone ?? result.fields.version ?? result.fields.form ?? "";
            setError(tr.has(`errors.${key}`) ? tr(`errors.${key}`) : t("readOnly"));
          } else setError(tr("unavailable"));
        });
      }}
    >
      {error && <p className="text-sm text-red-700" data-testid="edit-error">{error}</p>}
      {(["workDone", "problems", "nextSteps"] as const).map((name) => (
        <div key={name}>
          <label htmlFor={`${props.updateId}-${name}`} className="block text-xs font-medium text-slate-600">{t(name)}</label>
          <textarea
            id={`${props.updateId}-${name}`}
            name={name}
            rows={name === "workDone" ? 3 : 2}
            value={values[name]}
            onChange={(e) => setValues((v) => ({ ...v, [name]: e.target.value }))}
            className={input}
          />
        </div>
      ))}
      <div className="flex gap-2">
        <button type="submit" disabled={pending} className="rounded bg-brand-700 px-3 py-1 text-sm text-white disabled:opacity-60">{t("editSave")}</button>
        <button type="button" onClick={() => setOpen(false)} className="rounded px-3 py-1 text-sm">{t("editCancel")}</button>
      </div>
    </form>
  );
}
