"use client";

import { useFormatter, useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { useHydrated } from "@/lib/use-hydrated";
import { createMilestone, toggleMilestone } from "./actions";

interface Milestone {
  id: string;
  title: string;
  dueDate: string;
  done: boolean;
}

export function Milestones({ initiativeId, milestones, canManage }: { initiativeId: string; milestones: Milestone[]; canManage: boolean }) {
  const t = useTranslations("milestones");
  const format = useFormatter();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [values, setValues] = useState({ title: "", dueDate: "" });
  const [pending, startTransition] = useTransition();
  // Usable once hydrated: what is typed earlier would be lost, and a click would do nothing (see useHydrated).
  const hydrated = useHydrated();
  const done = milestones.filter((m) => m.done).length;
  const message = (field: string) => {
    const key = errors[field];
    if (!key) return null;
    const path = key.includes(".") ? key : `${field}.${key}`;
    return t.has(`errors.${path}`) ? t(`errors.${path}`) : null;
  };
  return (
    <div className="space-y-4" data-testid="milestones">
      {milestones.length === 0 ? (
        <p className="text-sm text-slate-600">{t("empty")}</p>
      ) : (
        <>
          <p className="text-sm text-slate-700" data-testid="milestones-summary">{t("summary", { done, total: milestones.length })}</p>
          <ul className="divide-y divide-slate-100 rounded-md border border-slate-200">
            {milestones.map((m) => (
              <li key={m.id} className="flex flex-wrap items-center justify-between gap-2 px-3 py-2 text-sm">
                <span className={m.done ? "text-slate-500 line-through" : ""}>{m.title}</span>
                <span className="flex items-center gap-3">
                  <span className="text-slate-600">{format.dateTime(new Date(m.dueDate), { dateStyle: "medium", timeZone: "UTC" })}</span>
                  {canManage ? (
                    <button
                      type="button"
                      disabled={pending || !hydrated}
                      onClick={() => startTransition(async () => void (await toggleMilestone(initiativeId, m.id, !m.done)))}
                      className={`rounded px-2 py-0.5 text-xs ${m.done ? "bg-emerald-50 text-emerald-800" : "bg-slate-100 text-slate-700"}`}
                      aria-label={m.done ? `${t("markOpen")}: ${m.title}` : `${t("markDone")}: ${m.title}`}
                    >
                      {m.done ? `✓ ${t("done")}` : t("open")}
                    </button>
                  ) : (
                    <span className="text-xs">{m.done ? `✓ ${t("done")}` : t("open")}</span>
                  )}
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
      {canManage && (
        <form
          method="post"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            const data = new FormData(event.currentTarget);
            startTransition(async () => {
              const result = await createMilestone(initiativeId, data).catch(() => ({ status: "error" as const }));
              if (result.status === "saved") {
                setValues({ title: "", dueDate: "" });
                setErrors({});
              } else if (result.status === "invalid") setErrors(result.fields);
            });
          }}
        >
          <fieldset disabled={!hydrated} className="m-0 grid min-w-0 gap-3 border-0 p-0 sm:grid-cols-[1fr_11rem_auto] sm:items-start">
            {message("form") && <p className="text-sm text-red-700 sm:col-span-3">{message("form")}</p>}
            <div>
              <label htmlFor="milestone-title" className="sr-only">{t("name")}</label>
              <input id="milestone-title" name="title" placeholder={t("name")} value={values.title} onChange={(e) => setValues((v) => ({ ...v, title: e.target.value }))} className="block w-full rounded-md border border-slate-300 px-3 py-1.5 text-sm" aria-invalid={Boolean(errors.title)} />
              {message("title") && <p className="mt-1 text-sm text-red-700">{message("title")}</p>}
            </div>
            <div>
              <label htmlFor="milestone-due" className="sr-only">{t("due")}</label>
              <input id="milestone-due" name="dueDate" type="date" value={values.dueDate} onChange={(e) => setValues((v) => ({ ...v, dueDate: e.target.value }))} className="block w-full rounded-md border border-slate-300 px-3 py-1.5 text-sm" aria-invalid={Boolean(errors.dueDate)} />
              {message("dueDate") && <p className="mt-1 text-sm text-red-700">{message("dueDate")}</p>}
            </div>
            <button type="submit" disabled={pending} className="rounded-md bg-slate-800 px-3 py-1.5 text-sm text-white disabled:opacity-60">{t("add")}</button>
          </fieldset>
        </form>
      )}
    </div>
  );
}
