import { getTranslations } from "next-intl/server";
import { HealthBadgeView } from "./badges";

type Health = "ON_TRACK" | "AT_RISK" | "OFF_TRACK" | "DONE";

export async function HealthBadge({ health }: { health: Health | null }) {
  const t = await getTranslations("health");
  const key = health ?? "NONE";
  return <HealthBadgeView health={key} label={t(key)} />;
}
