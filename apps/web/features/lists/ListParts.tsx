import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { FilterForm } from "@/features/lists/FilterForm";

// The parts of a list page (/initiatives, /updates) around the list's own fields and rows: the
// heading, the filter form, the notice of unknown URL parameters, the refused-filters alert and the
// empty state.

export function ListHeading({ title, intro }: { title: string; intro: string }) {
  return (
    <div>
      <h1 className="text-2xl font-semibold">{title}</h1>
      <p className="mt-1 max-w-3xl text-sm text-slate-600">{intro}</p>
    </div>
  );
}

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
    <p className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="unknown-params">
      {t("errors.unknown", { names: names.join(", ") })}
    </p>
  );
}

/**
 * The list could not be read with these filters. A refused position in the list (`message`) says
 * so with a link back to the first page; otherwise the fields say what is wrong and this says so.
 */
export async function ListInvalid({ message, firstHref }: { message: string | null; firstHref: string }) {
  const t = await getTranslations("lists");
  return (
    <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800" data-testid="list-invalid">
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
    </p>
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
