// The light and health badges as plain views (label given), for server and client components alike.
// The server ones (HealthBadge, LightBadge) translate the label and render these.

export type HealthKey = "ON_TRACK" | "AT_RISK" | "OFF_TRACK" | "DONE" | "NONE";
export type LightKey = "RED" | "YELLOW" | "GREEN";

const HEALTH_STYLES: Record<HealthKey, string> = {
  ON_TRACK: "bg-emerald-50 text-emerald-800 ring-emerald-600/30",
  AT_RISK: "bg-amber-50 text-amber-900 ring-amber-600/40",
  OFF_TRACK: "bg-red-50 text-red-800 ring-red-600/30",
  DONE: "bg-sky-50 text-sky-800 ring-sky-600/30",
  NONE: "bg-slate-100 text-slate-700 ring-slate-500/20",
};

const HEALTH_DOTS: Record<HealthKey, string> = {
  ON_TRACK: "bg-emerald-600",
  AT_RISK: "bg-amber-500",
  OFF_TRACK: "bg-red-600",
  DONE: "bg-sky-600",
  NONE: "bg-slate-400",
};

export function HealthBadgeView({ health, label }: { health: HealthKey; label: string }) {
  return (
    <span
      className={`inline-flex items-center gap-1.5 whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${HEALTH_STYLES[health]}`}
      data-health={health}
    >
      <span aria-hidden className={`h-1.5 w-1.5 rounded-full ${HEALTH_DOTS[health]}`} />
      {label}
    </span>
  );
}

const LIGHT_STYLE: Record<LightKey, string> = {
  RED: "bg-red-100 text-red-900 border-red-300",
  YELLOW: "bg-amber-100 text-amber-900 border-amber-300",
  GREEN: "bg-emerald-100 text-emerald-900 border-emerald-300",
};
const LIGHT_DOT: Record<LightKey, string> = { RED: "bg-red-600", YELLOW: "bg-amber-500", GREEN: "bg-emerald-600" };

/** The supervision light, in colour and in words. */
export function LightBadgeView({ light, label }: { light: LightKey; label: string }) {
  return (
    <span className={`inline-flex items-center gap-1.5 rounded-full border px-2 py-0.5 text-xs font-medium ${LIGHT_STYLE[light]}`} data-testid="light-badge" data-light={light}>
      <span aria-hidden="true" className={`h-2 w-2 rounded-full ${LIGHT_DOT[light]}`} />
      {label}
    </span>
  );
}
