import type { Light } from "@workplan/core/rules/calendar";
import { getTranslations } from "next-intl/server";
import { LightBadgeView } from "@/components/badges";

/** The supervision light, in colour and in words. */
export async function LightBadge({ light }: { light: Light }) {
  const t = await getTranslations("calendar");
  return <LightBadgeView light={light} label={t(`light.${light}`)} />;
}
