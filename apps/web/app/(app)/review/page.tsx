import { requirePermission } from "@workplan/auth";
import { listPendingExtensions } from "@workplan/core/operations/extension-requests";
import { listReviewQueue } from "@workplan/core/operations/review-update";
import type { Metadata } from "next";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import Link from "next/link";
import { HealthBadge } from "@/components/HealthBadge";
import { ReviewActions } from "@/features/review/ReviewCard";
import { PendingExtensions } from "@/features/extensions/Extensions";
import { departmentName, readable } from "@/lib/display";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("review"))("title") };
}

export default async function ReviewPage() {
  const viewer = await requirePermission("update.review");
  const queue = await listReviewQueue(viewer);
  const t = await getTranslations("review");
  const tt = await getTranslations("timeline");
  const locale = await getLocale();
  const format = await getFormatter();
  return (
    <div className="space-y-5">
      <div>
        <h1 className="text-2xl font-semibold">{t("title")}</h1>
        <p className="mt-1 text-sm text-slate-600">{t("subtitle", { count: queue.length })}</p>
      </div>
      {queue.length === 0 ? (
        <section className="rounded-lg border border-dashed border-slate-300 bg-white p-10 text-center" data-testid="review-empty">
          <p className="text-lg font-medium">{t("empty")}</p>
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
      <PendingExtensions items={await listPendingExtensions(viewer)} />
    </div>
  );
}
