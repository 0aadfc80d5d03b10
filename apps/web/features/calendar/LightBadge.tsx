import type { Light, ReportStatus } from "@workplan/core/rules/calendar";
import { getTranslations } from "next-intl/server";

const LIGHT_STYLE: Record<Light, string> = {
  RED: "bg-red-100 text-red-900 border-red-300",
  YELLOW: "bg-amber-100 text-amber-900 border-amber-300",
  GREEN: "bg-emerald-100 text-emerald-900 border-emerald-300",
};
const LIGHT_DOT: Record<Light, string> = { RED: "bg-red-600", YELLOW: "bg-amber-500", GREEN: "bg-emerald-600" };

/** The supervision light, in colour and in words. */
export async function LightBadge({ light }: { light: Light }) {
  const t = await getTranslations("calendar");
  return (
    <span className={`inline-flex items-center gap-1.5 rounded-full border px-2 py-0.5 text-xs font-medium ${LIGHT_STYLE[light]}`} data-testid="light-badge" data-light={light}>
      <span aria-hidden="true" className={`h-2 w-2 rounded-full ${LIGHT_DOT[light]}`} />
      {t(`light.${light}`)}
    </span>
  );
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
