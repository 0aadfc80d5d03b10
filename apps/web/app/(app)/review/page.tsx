import { requirePermission } from "@workplan/auth";
import { DomainError } from "@workplan/core/operations/errors";
import { getPendingExtensionsPage } from "@workplan/core/operations/extension-requests";
import { listChoices } from "@workplan/core/operations/list-choices";
import { getReviewQueuePage } from "@workplan/core/operations/review-queue";
import { isMinistryWide } from "@workplan/core/rules/policy";
import type { Metadata } from "next";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import Link from "next/link";
import { HealthBadge } from "@/components/HealthBadge";
import { PageHeader } from "@/components/PageHeader";
import { Pager } from "@/components/Pager";
import { PendingExtensions } from "@/features/extensions/Extensions";
import { ListFilters, ListInvalid, UnknownParams } from "@/features/lists/ListParts";
import { SelectField, TextField } from "@/features/lists/fields";
import { filterText } from "@/features/lists/filter-text";
import { listHref, readParams, type Search } from "@/features/lists/params";
import { ReviewActions } from "@/features/review/ReviewCard";
import { departmentName, readable } from "@/lib/display";

const REVIEW_PARAMS = ["department", "initiative", "period", "author", "order", "cursor", "xpage"] as const;

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("review"))("title") };
}

export default async function ReviewPage({ searchParams }: { searchParams: Promise<Search> }) {
  const viewer = await requirePermission("update.review");
  const { values, unknown } = readParams(REVIEW_PARAMS, await searchParams);
  const { xpage, ...query } = values;
  let page: Awaited<ReturnType<typeof getReviewQueuePage>> | null = null;
  let errors: Record<string, string> = {};
  try {
    page = await getReviewQueuePage(viewer, query);
  } catch (error) {
    if (!(error instanceof DomainError) || error.code !== "invalid") throw error;
    errors = error.fields ?? {};
  }
  const ministryWide = isMinistryWide(viewer);
  const [choices, extensions] = await Promise.all([
    ministryWide ? listChoices(viewer, undefined) : Promise.resolve(null),
    getPendingExtensionsPage(viewer, xpage),
  ]);
  const t = await getTranslations("review");
  const tl = await getTranslations("lists");
  const tt = await getTranslations("timeline");
  const te = await getTranslations("extensions");
  const locale = await getLocale();
  const format = await getFormatter();
  const text = filterText(tl, errors);
  const here: Record<string, string | undefined> = values;
  const filtered = Boolean(query.department || query.initiative || query.period || query.author);
  const queue = page?.items ?? [];
  return (
    <div className="space-y-5">
      <PageHeader
        title={t("title")}
        description={
          <>
            {page ? t("subtitle", { count: page.total }) : null}
            {page && page.total > 0 && ` · ${page.order === "newest" ? t("orderNewest") : t("orderOldest")}`}
          </>
        }
        descriptionRole="status"
        descriptionTestId="review-count"
      />
      <ListFilters action="/review" values={query} testId="review-filters">
        <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-5">
          {choices && (
            <SelectField
              name="department"
              label={tl("filters.reportingDepartment")}
              value={query.department}
              anyLabel={tl("filters.any")}
              options={choices.departments.map((d) => ({ value: d.code, label: departmentName(d, locale) }))}
              invalidLabel={text.invalidLabel}
              error={text.message("department")}
            />
          )}
          <TextField {...text.field("initiative", query.initiative)} placeholder="KJS-2018-1.1" maxLength={40} mono hint={tl("filters.initiativeHint")} />
          <TextField {...text.field("period", query.period)} placeholder="2018-06" maxLength={7} hint={tl("filters.periodHint")} />
          <TextField {...text.field("author", query.author)} maxLength={50} hint={tl("filters.authorHint")} />
          <SelectField
            name="order"
            label={tl("filters.order")}
            value={query.order}
            anyLabel={tl("filters.sortNewest")}
            options={[{ value: "oldest", label: tl("filters.sortOldest") }]}
            invalidLabel={text.invalidLabel}
            error={text.message("order")}
          />
        </div>
      </ListFilters>
      <UnknownParams names={unknown} />
      {!page ? (
        <ListInvalid message={text.message("cursor")} firstHref={listHref("/review", here, { cursor: undefined })} />
      ) : queue.length === 0 ? (
        <section className="rounded-lg border border-dashed border-slate-300 bg-white p-10 text-center" data-testid="review-empty">
          <p className="text-lg font-medium">{filtered ? t("emptyFiltered") : t("empty")}</p>
        </section>
      ) : (
        <ol className="space-y-4" data-testid="review-queue">
          {queue.map((item) => (
            <li key={item.id} className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm" data-testid="review-item">
              <div className="flex flex-wrap items-center gap-2 text-sm">
                <span className="font-mono text-xs text-slate-500">{item.initiative.code}</span>
                <Link href={`/initiatives/${item.initiative.id}`} className="font-medium text-slate-900 hover:text-brand-700 hover:underline">
                  {readable(item.initiative.title, locale)}
                </Link>
                {item.revisionOfId && <span className="rounded bg-violet-50 px-1.5 py-0.5 text-xs text-violet-800">{t("revision")}</span>}
              </div>
              <div className="mt-1 flex flex-wrap items-center gap-2 text-sm text-slate-600">
                <span>{format.dateTime(item.period, { year: "numeric", month: "long", timeZone: "UTC" })}</span>
                <HealthBadge health={item.health} />
                <span className="tabular-nums">{item.progress}%</span>
                <span>· {item.author.name} · {departmentName(item.department, locale)}</span>
                <span>· {tt("submittedAt", { time: format.dateTime(item.createdAt, { dateStyle: "medium", timeStyle: "short" }) })}</span>
              </div>
              {item.healthReason && <p className="mt-1 text-sm text-slate-600">{tt("reason", { reason: item.healthReason })}</p>}
              <p className="mt-3 whitespace-pre-wrap text-sm" data-testid="review-work-done">{item.workDone}</p>
              {item.problems && (
                <p className="mt-2 whitespace-pre-wrap text-sm text-slate-700">
                  <span className="font-medium">{tt("problems")}：</span>
                  {item.problems}
                </p>
              )}
              <div className="mt-4 border-t border-slate-100 pt-4">
                <ReviewActions updateId={item.id} />
              </div>
            </li>
          ))}
        </ol>
      )}
      {page && (query.cursor || page.nextCursor) && (
        <nav aria-label={tl("pagination.label")} className="flex flex-wrap items-center justify-between gap-3 text-sm" data-testid="review-pager">
          {query.cursor ? (
            <Link href={listHref("/review", here, { cursor: undefined })} className="text-brand-700 underline underline-offset-2" data-testid="review-first">
              {t("first")}
            </Link>
          ) : (
            <span />
          )}
          {page.nextCursor && (
            <Link href={listHref("/review", here, { cursor: page.nextCursor })} className="text-brand-700 underline underline-offset-2" data-testid="review-next">
              {t("next")}
            </Link>
          )}
        </nav>
      )}
      <PendingExtensions
        items={extensions.items}
        total={extensions.total}
        pager={
          extensions.pages > 1 ? (
            <Pager
              testId="extensions-pager"
              info={te("pageInfo", { total: extensions.total, page: extensions.page, pages: extensions.pages })}
              previous={extensions.page > 1 ? `${listHref("/review", here, { xpage: String(extensions.page - 1) })}#pending-extensions-heading` : undefined}
              next={extensions.page < extensions.pages ? `${listHref("/review", here, { xpage: String(extensions.page + 1) })}#pending-extensions-heading` : undefined}
              labels={{ previous: te("previous"), next: te("next"), nav: te("pagination") }}
            />
          ) : null
        }
      />
    </div>
  );
}
