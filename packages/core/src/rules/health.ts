export const HEALTHS = ["ON_TRACK", "AT_RISK", "OFF_TRACK", "DONE"] as const;
export type Health = (typeof HEALTHS)[number];

/** Average progress, rounded to a whole percent; 0 for no items. */
export function averageProgress(values: readonly number[]): number {
  if (values.length === 0) return 0;
  return Math.round(values.reduce((a, b) => a + b, 0) / values.length);
}

export type HealthCounts = Record<Health | "NONE", number>;

export function countHealth(items: readonly { health: Health | null }[]): HealthCounts {
  const counts: HealthCounts = { ON_TRACK: 0, AT_RISK: 0, OFF_TRACK: 0, DONE: 0, NONE: 0 };
  for (const item of items) counts[item.health ?? "NONE"] += 1;
  return counts;
}
