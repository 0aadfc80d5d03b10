import { planNow } from "@workplan/core/infra/plan-clock";
import { REPLY_BY_MAX_DAYS } from "@workplan/core/operations/chase";
import { getInitiativeLight } from "@workplan/core/operations/reporting-calendar";
import { beijingToday, DAY_MS, isoDay } from "@workplan/core/rules/dates";
import type { Viewer } from "@workplan/core/rules/policy";
import { getTranslations } from "next-intl/server";
import { ChaseButton } from "./ChaseButtons";
import { LightBadge } from "./LightBadge";

/** The initiative page's supervision line: its light, its chases, and 催办 for managers who may (`canChase`). */
export async function InitiativeChase({ initiativeId, viewer, canChase }: { initiativeId: string; viewer: Viewer; canChase: boolean }) {
  const state = await getInitiativeLight(viewer, initiativeId);
  if (!state) return null;
  const t = await getTranslations("calendar");
  // Only what is late is chased: a green light has nothing to chase.
  const mayChase = canChase && state.light !== "GREEN";
  const today = beijingToday(planNow());
  const bounds = { minDate: isoDay(today), maxDate: isoDay(new Date(today.getTime() + REPLY_BY_MAX_DAYS * DAY_MS)) };
  return (
    <section aria-label={t("supervision")} className="flex flex-wrap items-center gap-3 text-sm" data-testid="initiative-chase">
      <LightBadge light={state.light} />
      <span className="text-slate-600">{t("chaseCount", { count: state.chaseCount })}</span>
      {mayChase && <ChaseButton initiativeId={state.id} code={state.code} bounds={bounds} />}
    </section>
  );
}
