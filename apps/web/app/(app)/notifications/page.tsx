import { requireUser } from "@workplan/auth";
import { listNotifications } from "@workplan/core/operations/notifications";
import type { Metadata } from "next";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import Link from "next/link";
import { Button } from "@/components/Button";
import { PageHeader } from "@/components/PageHeader";
import { markAllRead } from "@/features/review/actions";
import { readable } from "@/lib/display";
import { DIGEST_LINKS } from "@workplan/core/rules/reminders";

const DIGEST_FIGURES = ["review", "late", "red", "extensions"] as const;

/** Each initiative a reminder names, one click from its report form. */
function ReminderLinks({ codes, ids, label }: { codes: string; ids: string; label: string }) {
  const idList = ids.split(",");
  const items = codes.split("、").map((code, i) => ({ code, id: idList[i] ?? "" })).filter((item) => item.code && item.id);
  if (items.length === 0) return null;
  return (
    <p className="mt-1 flex flex-wrap items-baseline gap-x-2 gap-y-1 text-sm text-slate-700">
      <span>{label}</span>
      {items.map((item) => (
        <Link key={item.id} href={`/initiatives/${item.id}#report`} className="font-mono text-brand-700 underline-offset-2 hover:underline" data-testid="reminder-initiative">
          {item.code}
        </Link>
      ))}
    </p>
  );
}

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("notifications"))("title") };
}

export default async function NotificationsPage() {
  const viewer = await requireUser();
  const items = await listNotifications(viewer);
  const t = await getTranslations("notifications");
  const locale = await getLocale();
  const format = await getFormatter();
  const unread = items.some((n) => n.readAt === null);
  return (
    <div className="space-y-5">
      <PageHeader
        title={t("title")}
        actions={
          unread && (
            <form action={markAllRead}>
              <Button type="submit" variant="secondary" size="sm">
                {t("markAllRead")}
              </Button>
            </form>
          )
        }
      />
      {items.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white p-10 text-center text-slate-700" data-testid="notifications-empty">
          {t("empty")}
        </p>
      ) : (
        <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white" data-testid="notifications">
          {items.map((n) => {
            const params = (n.params ?? {}) as Record<string, string | number | null>;
            // Every stored value fills the message (dates, counts, codes…); missing ones read as empty.
            const values = Object.fromEntries(Object.entries(params).map(([k, v]) => [k, v ?? ""]));
            const kindKey = `kinds.${n.kind.replaceAll(".", "_")}`;
            const text = t.has(kindKey)
              ? t(kindKey, { code: "", outcome: "", count: "", codes: "", requestedDueDate: "", ...values, title: readable(String(values.title ?? ""), locale) })
              : n.kind;
            return (
              <li key={n.id} className={`px-4 py-3 ${n.readAt ? "" : "bg-brand-50/60"}`} data-testid="notification">
                <div className="flex flex-wrap items-start justify-between gap-2">
                  <Link href={n.link ?? "/"} className="font-medium text-slate-900 hover:text-brand-700 hover:underline">
                    {!n.readAt && <span className="sr-only">{t("unread")} </span>}
                    {text}
                  </Link>
                  <span className="text-xs text-slate-500">{format.dateTime(n.createdAt, { dateStyle: "medium", timeStyle: "short" })}</span>
                </div>
                {params.comment && <p className="mt-1 text-sm text-slate-700">{t("comment", { comment: params.comment })}</p>}
                {n.kind.startsWith("chase.") && (params.note || params.replyBy) && (
                  <p className="mt-1 text-sm text-slate-700" data-testid="chase-details">
                    {params.note && <span className="mr-3">{t("chaseNote", { note: String(params.note) })}</span>}
                    {params.replyBy && <span className="font-medium">{t("replyBy", { date: String(params.replyBy) })}</span>}
                  </p>
                )}
                {n.kind.startsWith("reminder.") && <ReminderLinks codes={String(params.codes ?? "")} ids={String(params.ids ?? "")} label={t("reportOn")} />}
                {n.kind === "digest.weekly" && (
                  <ul className="mt-1 flex flex-wrap gap-x-4 gap-y-1 text-sm" data-testid="digest-figures">
                    {DIGEST_FIGURES.map((figure) => (
                      <li key={figure}>
                        <Link href={DIGEST_LINKS[figure]} className="text-brand-700 underline-offset-2 hover:underline" data-testid={`digest-${figure}`}>
                          {t(`digest.${figure}`, { count: Number(params[figure] ?? 0) })}
                        </Link>
                      </li>
                    ))}
                  </ul>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
