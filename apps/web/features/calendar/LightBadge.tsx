import type { Light, ReportStatus } from "@workplan/core/rules/calendar";
import { getTranslations } from "next-intl/server";
import { LightBadgeView } from "@/components/badges";

/** The supervision light, in colour and in words. */
export async function LightBadge({ light }: { light: Light }) {
  const t = await getTranslations("calendar");
  return <LightBadgeView light={light} label={t(`light.${light}`)} />;
}

const STATUS_STYLE: Record<ReportStatus, string> = {
  ON_TIME: "bg-emerald-50 text-emerald-900",
  LATE: "bg-amber-50 text-amber-900",
  MISSING: "bg-red-50 text-red-900",
  NOT_DUE: "bg-white text-slate-600",
};

export async function StatusCell({ status }: { status: ReportStatus }) {
  const t = await getTranslations("calendar");
  return (
    <span className={`block rounded px-1 py-0.5 text-center text-xs ${STATUS_STYLE[status]}`} data-status={status}>
      {t(`status.${status}`)}
    </span>
  );
}
