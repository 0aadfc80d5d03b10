import { getTranslations } from "next-intl/server";

type Health = "ON_TRACK" | "AT_RISK" | "OFF_TRACK" | "DONE";

const STYLES: Record<Health | "NONE", string> = {
  ON_TRACK: "bg-emerald-50 text-emerald-800 ring-emerald-600/30",
  AT_RISK: "bg-amber-50 text-amber-900 ring-amber-600/40",
  OFF_TRACK: "bg-red-50 text-red-800 ring-red-600/30",
  DONE: "bg-sky-50 text-sky-800 ring-sky-600/30",
  NONE: "bg-slate-100 text-slate-700 ring-slate-500/20",
};

const DOTS: Record<Health | "NONE", string> = {
  ON_TRACK: "bg-emerald-600",
  AT_RISK: "bg-amber-500",
  OFF_TRACK: "bg-red-600",
  DONE: "bg-sky-600",
  NONE: "bg-slate-400",
};

export async function HealthBadge({ health }: { health: Health | null }) {
  const t = await getTranslations("health");
  const key = health ?? "NONE";
  return (
    <span
      className={`inline-flex items-center gap-1.5 whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${STYLES[key]}`}
      data-health={key}
    >
      <span aria-hidden className={`h-1.5 w-1.5 rounded-full ${DOTS[key]}`} />
      {t(key)}
    </span>
  );
}
