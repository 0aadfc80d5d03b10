import type { InitiativeListItem } from "@workplan/core/operations/list-initiatives";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { departmentName, readable } from "@/lib/display";
import { InitiativeRows } from "./InitiativeRows";

/** The initiatives of one page: a card each on a phone, one line each on a wide screen. */
export async function InitiativeList({ items }: { items: InitiativeListItem[] }) {
  const t = await getTranslations("lists");
  const tc = await getTranslations("calendar");
  const th = await getTranslations("health");
  const locale = await getLocale();
  const format = await getFormatter();
  const date = (d: Date | string) => format.dateTime(new Date(d), { dateStyle: "medium", timeZone: "UTC" });
  return (
    <InitiativeRows
      caption={t("initiatives.caption")}
      health={{ ON_TRACK: th("ON_TRACK"), AT_RISK: th("AT_RISK"), OFF_TRACK: th("OFF_TRACK"), DONE: th("DONE"), NONE: th("NONE") }}
      light={{ RED: tc("light.RED"), YELLOW: tc("light.YELLOW"), GREEN: tc("light.GREEN") }}
      rows={items.map((item) => ({
        id: item.id,
        code: item.code,
        department: departmentName(item.department, locale),
        departmentCode: item.department.code,
        overdue: item.overdue ? t("row.overdue") : null,
        closed: item.closed ? t("row.closed") : null,
        title: readable(item.title, locale),
        lang: locale === "en" ? "zh-Hant" : locale,
        facts: [
          t("row.due", { date: date(item.dueDate) }),
          ...(item.lastUpdateAt ? [t("row.lastUpdate", { date: date(item.lastUpdateAt) })] : []),
          t("row.thisMonth", { status: tc(`status.${item.thisMonth}`) }),
        ],
        match: item.match
          ? {
              place: item.match.place,
              text:
                item.match.snippet === null
                  ? t("row.match", { place: t(`row.place.${item.match.place}`) })
                  : t("row.matchSnippet", { place: t(`row.place.${item.match.place}`), snippet: item.match.snippet }),
            }
          : null,
        progress: Math.max(0, Math.min(100, Math.round(item.progress))),
        progressLabel: t("row.progressLabel", { code: item.code }),
        health: item.health ?? "NONE",
        light: item.light,
      }))}
    />
  );
}
