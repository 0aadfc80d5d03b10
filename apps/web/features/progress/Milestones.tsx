"use client";

import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/Button";
import { fieldErrorClass, filterInputClass } from "@/components/Field";
import { useActionForm } from "@/lib/use-action-form";
import { useHydrated } from "@/lib/use-hydrated";
import { createMilestone, toggleMilestone, type ActionResult } from "./actions";

interface Milestone {
  id: string;
  title: string;
  dueDate: string;
  done: boolean;
}

export function Milestones({ initiativeId, milestones, canManage }: { initiativeId: string; milestones: Milestone[]; canManage: boolean }) {
  const t = useTranslations("milestones");
  const format = useFormatter();
  const [values, setValues] = useState({ title: "", dueDate: "" });
  // Adding one (its messages stay until the next add) and ticking one off (nothing to say) share the wait.
  const adding = useActionForm((data) => createMilestone(initiativeId, data ?? new FormData()), {
    onResult: (result) => {
      if (result.status === "saved") setValues({ title: "", dueDate: "" });
    },
  });
  const toggling = useActionForm<ActionResult>(null);
  const pending = adding.pending || toggling.pending;
  const errors = adding.errors;
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
                      onClick={() => toggling.submitWith(() => toggleMilestone(initiativeId, m.id, !m.done))}
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
        <form method="post" noValidate onSubmit={adding.submit}>
          <fieldset disabled={!hydrated} className="m-0 grid min-w-0 gap-3 border-0 p-0 sm:grid-cols-[1fr_11rem_auto] sm:items-start">
            {message("form") && <p className="text-sm text-red-700 sm:col-span-3">{message("form")}</p>}
            <div>
              <label htmlFor="milestone-title" className="sr-only">{t("name")}</label>
              <input id="milestone-title" name="title" placeholder={t("name")} value={values.title} onChange={(e) => setValues((v) => ({ ...v, title: e.target.value }))} className={filterInputClass} aria-invalid={Boolean(errors.title)} />
              {message("title") && <p className={fieldErrorClass}>{message("title")}</p>}
            </div>
            <div>
              <label htmlFor="milestone-due" className="sr-only">{t("due")}</label>
              <input id="milestone-due" name="dueDate" type="date" value={values.dueDate} onChange={(e) => setValues((v) => ({ ...v, dueDate: e.target.value }))} className={filterInputClass} aria-invalid={Boolean(errors.dueDate)} />
              {message("dueDate") && <p className={fieldErrorClass}>{message("dueDate")}</p>}
            </div>
            <Button type="submit" variant="dark" size="sm" disabled={pending} className="mt-1">
              {t("add")}
            </Button>
          </fieldset>
        </form>
      )}
    </div>
  );
}
