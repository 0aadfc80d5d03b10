import { requirePermission } from "@workplan/auth";
import { DomainError } from "@workplan/core/operations/errors";
import { listAuditEvents, type AuditPage } from "@workplan/core/operations/list-audit-events";
import type { Metadata } from "next";
import { getMessages, getTranslations } from "next-intl/server";
import Link from "next/link";
import { Alert } from "@/components/Alert";
import { buttonClass } from "@/components/Button";
import { PageHeader } from "@/components/PageHeader";
import { AuditFilters } from "@/features/audit/AuditFilters";
import { AuditTable } from "@/features/audit/AuditTable";
import { AUDIT_OBJECT_TYPES, auditSearch, filtersFromSearch } from "@/features/audit/filters";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("adminAudit");
  return { title: t("title") };
}

type Search = Record<string, string | string[] | undefined>;
const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) ?? "";

/** Every action the interface has a name for, "auth.sign_in" → "登录", from the messages themselves. */
function actionOptions(actions: unknown): { value: string; label: string }[] {
  if (typeof actions !== "object" || actions === null) return [];
  return Object.entries(actions).flatMap(([kind, names]) =>
    typeof names === "object" && names !== null
      ? Object.entries(names).map(([name, label]) => ({ value: `${kind}.${name}`, label: String(label) }))
      : [],
  );
}

export default async function AuditPageView({ searchParams }: { searchParams: Promise<Search> }) {
  const viewer = await requirePermission("admin.audit");
  const t = await getTranslations("adminAudit");
  const messages = await getMessages();
  const params = await searchParams;
  const filters = filtersFromSearch(params);

  let page: AuditPage | null = null;
  let errors: Record<string, string> = {};
  try {
    page = await listAuditEvents(viewer, { ...filters, before: first(params.before), after: first(params.after) });
  } catch (error) {
    // A hand-edited or outdated link: the form says what is wrong next to the filter.
    if (!(error instanceof DomainError) || error.code !== "invalid") throw error;
    errors = error.fields ?? {};
  }

  const typeOptions = [...AUDIT_OBJECT_TYPES, ...(filters.objectType && !(AUDIT_OBJECT_TYPES as readonly string[]).includes(filters.objectType) ? [filters.objectType] : [])].map(
    (value) => ({ value, label: t.has(`objectTypes.${value}`) ? `${t(`objectTypes.${value}`)} (${value})` : value }),
  );
  const adminAudit = (messages as Record<string, Record<string, unknown> | undefined>).adminAudit;
  const cursorError = errors.before ?? errors.after;

  return (
    <div className="space-y-5">
      <PageHeader
        title={t("title")}
        description={t("intro")}
        actions={
          page && (
            <div className="max-w-sm sm:text-right">
              {/* A download, not a page: no prefetch, and the browser saves the file. */}
              <a href={`/admin/audit/export${auditSearch(filters)}`} download className={buttonClass("outline")} data-testid="audit-export">
                {t("export")}
              </a>
              <p className="mt-1 text-xs text-slate-600">{t("exportHint")}</p>
            </div>
          )
        }
      />

      <AuditFilters key={JSON.stringify(filters)} initial={filters} errors={errors} objectTypes={typeOptions} actions={actionOptions(adminAudit?.actions)} />

      {!page ? (
        <Alert kind="error" testId="audit-invalid">
          {cursorError && t.has(`errors.${cursorError}`) ? t(`errors.${cursorError}`) : t("errors.summary")}{" "}
          {cursorError && (
            <Link href={`/admin/audit${auditSearch(filters)}`} className="font-medium underline">
              {t("newest")}
            </Link>
          )}
        </Alert>
      ) : page.items.length === 0 ? (
        <p className="rounded-md border border-dashed border-slate-300 p-6 text-center text-sm text-slate-600" data-testid="audit-empty">
          {t("empty")}
        </p>
      ) : (
        <AuditTable rows={page.items} />
      )}

      {page && (page.newer || page.older) && (
        <nav aria-label={t("pagination")} className="flex flex-wrap items-center justify-between gap-3 text-sm">
          <div className="flex gap-4">
            {page.newer && (
              <>
                <Link href={`/admin/audit${auditSearch(filters)}`} className="text-brand-700 underline underline-offset-2">
                  {t("newest")}
                </Link>
                <Link href={`/admin/audit${auditSearch(filters, { after: page.newer })}`} className="text-brand-700 underline underline-offset-2" data-testid="audit-newer">
                  {t("newer")}
                </Link>
              </>
            )}
          </div>
          {page.older && (
            <Link href={`/admin/audit${auditSearch(filters, { before: page.older })}`} className="text-brand-700 underline underline-offset-2" data-testid="audit-older">
              {t("older")}
            </Link>
          )}
        </nav>
      )}
    </div>
  );
}
