import type { AuditRow } from "@workplan/core/operations/list-audit-events";
import { auditChanges } from "@workplan/core/rules/audit-diff";
import { getFormatter, getTranslations } from "next-intl/server";
import Link from "next/link";
import { TableFrame, Th, theadClass } from "@/components/Table";
import { auditSearch, type AuditFilterValues } from "./filters";
import { BEIJING_TIME_ZONE } from "@workplan/core/rules/dates";

const NO_FILTERS: AuditFilterValues = { actor: "", action: "", objectType: "", objectId: "", from: "", to: "" };

function objectHref(row: AuditRow): string | null {
  if (row.objectLink?.kind === "initiative") return `/initiatives/${row.objectLink.id}`;
  if (row.objectLink?.kind === "user") return `/admin/users/${row.objectLink.id}`;
  return null;
}

/** The events of one page, newest first; on a phone the table scrolls sideways. */
export async function AuditTable({ rows }: { rows: AuditRow[] }) {
  const t = await getTranslations("adminAudit");
  const format = await getFormatter();
  const when = (d: Date) =>
    format.dateTime(d, {
      timeZone: BEIJING_TIME_ZONE,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
      hourCycle: "h23",
    });
  const label = (key: string) => (t.has(key) ? t(key) : null);

  return (
    <TableFrame label={t("table.caption")} testId="audit-table" minWidth="56rem" boxed>
      <caption className="sr-only">{t("table.caption")}</caption>
      <thead className={theadClass(true)}>
        <tr>
          <Th pad="lg">{t("table.at")}</Th>
          <Th pad="lg">{t("table.actor")}</Th>
          <Th pad="lg">{t("table.action")}</Th>
          <Th pad="lg">{t("table.object")}</Th>
          <Th pad="lg">{t("table.ip")}</Th>
          <Th pad="lg">{t("table.changes")}</Th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100 align-top">
        {rows.map((row) => {
          const changes = auditChanges(row.before, row.after);
          const href = objectHref(row);
          const actionLabel = label(`actions.${row.action}`);
          const typeLabel = row.objectType ? (label(`objectTypes.${row.objectType}`) ?? row.objectType) : null;
          return (
            <tr key={row.id} data-testid="audit-row" data-action={row.action} data-id={row.id}>
              <td className="whitespace-nowrap px-3 py-2 tabular-nums">
                <time dateTime={row.at.toISOString()}>{when(row.at)}</time>
              </td>
              <td className="px-3 py-2">
                {row.actor ? (
                  <>
                    <span className="block text-slate-900">{row.actor.name}</span>
                    <Link
                      href={`/admin/audit${auditSearch({ ...NO_FILTERS, actor: row.actor.email })}`}
                      className="break-all text-xs text-brand-700 hover:underline"
                    >
                      {row.actor.email}
                    </Link>
                  </>
                ) : (
                  <span className="text-slate-600">{t("table.system")}</span>
                )}
              </td>
              <td className="px-3 py-2">
                {actionLabel && <span className="block text-slate-900">{actionLabel}</span>}
                <code className="font-mono text-xs text-slate-600">{row.action}</code>
              </td>
              <td className="px-3 py-2">
                {typeLabel ? (
                  <>
                    <span className="block text-slate-900">{typeLabel}</span>
                    {row.objectId &&
                      (href ? (
                        <Link href={href} className="break-all font-mono text-xs text-brand-700 hover:underline">
                          {row.objectId}
                        </Link>
                      ) : (
                        <span className="break-all font-mono text-xs text-slate-600">{row.objectId}</span>
                      ))}
                  </>
                ) : (
                  <span className="text-slate-600">{t("table.noChanges")}</span>
                )}
              </td>
              <td className="whitespace-nowrap px-3 py-2 font-mono text-xs">{row.ip ?? t("table.noChanges")}</td>
              <td className="px-3 py-2">
                {changes.length === 0 ? (
                  <span className="text-slate-600">{t("table.noChanges")}</span>
                ) : (
                  <ul className="space-y-0.5 text-xs" data-testid="audit-changes">
                    {changes.map((c) => (
                      <li key={c.key} className="break-words">
                        {c.key && <span className="font-mono text-slate-600">{c.key}: </span>}
                        {c.before !== undefined && <del className="bg-red-50 text-red-800">{c.before}</del>}
                        {c.before !== undefined && c.after !== undefined && <span aria-hidden="true"> → </span>}
                        {c.after !== undefined && <ins className="bg-emerald-50 text-emerald-900 no-underline">{c.after}</ins>}
                      </li>
                    ))}
                  </ul>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </TableFrame>
  );
}
