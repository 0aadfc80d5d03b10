import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { Alert } from "@/components/Alert";
import { FilterForm } from "@/features/lists/FilterForm";

// The parts of a list page (/initiatives, /updates) around the list's own fields and rows: the
// filter form, the notice of unknown URL parameters, the refused-filters alert and the empty state
// (the heading is components/PageHeader).

/**
 * The filter form with its legend and buttons. It is keyed by the filters of the URL, so that a new
 * URL (back, a link) shows its own values rather than what was last typed.
 */
export async function ListFilters({ action, values, testId, children }: { action: "/initiatives" | "/updates" | "/review"; values: Record<string, string | undefined>; testId: string; children: React.ReactNode }) {
  const t = await getTranslations("lists");
  return (
    <FilterForm key={JSON.stringify(values)} action={action} legend={t("filters.legend")} applyLabel={t("filters.apply")} clearLabel={t("filters.clear")} testId={testId}>
      {children}
    </FilterForm>
  );
}

/** The URL's parameters the list does not know (nothing when there are none). */
export async function UnknownParams({ names }: { names: string[] }) {
  if (names.length === 0) return null;
  const t = await getTranslations("lists");
  return (
    <Alert kind="warn" role={null} testId="unknown-params">
      {t("errors.unknown", { names: names.join(", ") })}
    </Alert>
  );
}

/**
 * The list could not be read with these filters. A refused position in the list (`message`) says
 * so with a link back to the first page; otherwise the fields say what is wrong and this says so.
 */
export async function ListInvalid({ message, firstHref }: { message: string | null; firstHref: string }) {
  const t = await getTranslations("lists");
  return (
    <Alert kind="error" testId="list-invalid">
      {message ? (
        <>
          {message}{" "}
          <Link href={firstHref} className="font-medium underline">
            {t("updates.first")}
          </Link>
        </>
      ) : (
        t("errors.summary")
      )}
    </Alert>
  );
}

/** No row matches the filters: what to do, and a link that clears them. */
export async function ListEmpty({ title, hint, clearHref }: { title: string; hint: string; clearHref: string }) {
  const t = await getTranslations("lists");
  return (
    <div className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center" data-testid="list-empty">
      <p className="font-medium">{title}</p>
      <p className="mt-1 text-sm text-slate-600">
        {hint}{" "}
        <Link href={clearHref} className="text-brand-700 underline underline-offset-2">
          {t("filters.clear")}
        </Link>
      </p>
    </div>
  );
}
