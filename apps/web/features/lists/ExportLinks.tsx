import { getTranslations } from "next-intl/server";
import { buttonClass } from "@/components/Button";
import { listHref } from "./params";

/**
 * "Export Excel / CSV" beside a list's title: the list with the filters it shows (the year it
 * defaulted to included), every page, from its export route. Not shown while the filters are wrong.
 */
export async function ExportLinks({ path, values, year }: { path: "/initiatives" | "/updates"; values: Record<string, string | undefined>; year: string | undefined }) {
  const t = await getTranslations("lists");
  const filters = { ...values, year, page: undefined, cursor: undefined };
  return (
    <div className="flex flex-wrap gap-2" data-testid="list-export">
      <a href={listHref(`${path}/export`, filters, { format: "xlsx" })} download className={buttonClass("outline", "sm")} data-testid="export-xlsx">
        {t("export.xlsx")}
      </a>
      <a href={listHref(`${path}/export`, filters, { format: "csv" })} download className={buttonClass("outline", "sm")} data-testid="export-csv">
        {t("export.csv")}
      </a>
    </div>
  );
}
