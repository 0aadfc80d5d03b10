import type { AuditObjectSummary, AuditRow } from "@workplan/core/operations/list-audit-events";
import { auditChanges, displayIp, formatAuditValue, isAuditTimestamp, type AuditChange } from "@workplan/core/rules/audit-diff";
import { BEIJING_TIME_ZONE } from "@workplan/core/rules/dates";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import Link from "next/link";
import type { ReactNode } from "react";
import { TableFrame, Th, theadClass } from "@/components/Table";
import { departmentName, readable } from "@/lib/display";
import { auditSearch, type AuditFilterValues } from "./filters";

/** A cell: a block of the card on a phone, a table cell from sm up. */
const cell = "block px-3 py-0.5 sm:table-cell sm:py-2";

/** A cell's name, shown on a phone where there is no header row above it. */
function CellName({ children }: { children: ReactNode }) {
  return <span className="block text-xs text-slate-500 sm:hidden">{children}</span>;
}

const NO_FILTERS: AuditFilterValues = { actor: "", action: "", objectType: "", objectId: "", from: "", to: "" };

function objectHref(row: AuditRow): string | null {
  if (row.objectLink?.kind === "initiative") return `/initiatives/${row.objectLink.id}`;
  if (row.objectLink?.kind === "user") return `/admin/users/${row.objectLink.id}`;
  return null;
}

/** The stored event as it is, for the "raw record" disclosure (the address too, as recorded). */
function rawRecord(row: AuditRow): string {
  return JSON.stringify(
    {
      id: row.id,
      at: row.at.toISOString(),
      actor: row.actor ? { id: row.actor.id, email: row.actor.email } : null,
      action: row.action,
      objectType: row.objectType,
      objectId: row.objectId,
      ip: row.ip,
      before: row.before,
      after: row.after,
    },
    null,
    2,
  );
}

/**
 * The events of one page, newest first, in the reader's language: what was done, to what (a name,
 * an initiative's code and title), from which address, and what changed field by field; the
 * stored record is one click away. On a phone the table scrolls sideways.
 */
export async function AuditTable({ rows }: { rows: AuditRow[] }) {
  const t = await getTranslations("adminAudit");
  const details = await getTranslations("auditDetails");
  const locale = await getLocale();
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
  const detail = (key: string) => (details.has(key) && typeof details.raw(key) === "string" ? details(key) : null);

  /** "角色", "设置密码链接"; a field without a name of its own keeps its key. */
  const fieldName = (key: string) => detail(`fields.${key}`) ?? key;

  const valueText = (value: unknown): string => {
    if (value === null || value === undefined || value === "") return t("table.none");
    if (typeof value === "boolean") return value ? t("table.yes") : t("table.no");
    if (typeof value === "number") return String(value);
    if (typeof value === "string") {
      if (isAuditTimestamp(value)) return when(new Date(value));
      if (/^[A-Za-z_]+$/.test(value)) return detail(`values.${value}`) ?? value;
      return formatAuditValue(value);
    }
    if (Array.isArray(value) && value.every((v) => v === null || typeof v !== "object")) {
      return formatAuditValue(value.map(valueText).join("、"));
    }
    if (Array.isArray(value)) return t("table.list", { count: value.length });
    return formatAuditValue(value);
  };

  const change = (c: AuditChange): ReactNode => {
    if (c.secret) return <span className="text-slate-600">{t("table.secret")}</span>;
    const hasBefore = Object.hasOwn(c, "before");
    const hasAfter = Object.hasOwn(c, "after");
    return (
      <>
        {hasBefore && <del className="bg-red-50 text-red-800">{valueText(c.before)}</del>}
        {hasBefore && hasAfter && <span aria-hidden="true"> → </span>}
        {hasAfter && <ins className="bg-emerald-50 text-emerald-900 no-underline">{valueText(c.after)}</ins>}
      </>
    );
  };

  const summaryText = (summary: AuditObjectSummary): { main: string; sub?: string } => {
    switch (summary.kind) {
      case "user":
        return { main: summary.name, sub: summary.email };
      case "initiative":
        return { main: `${summary.code} ${readable(summary.title, locale)}`, sub: summary.detail && readable(summary.detail, locale) };
      case "department":
        return { main: departmentName(summary, locale), sub: summary.code };
      case "plan":
        return { main: t("table.plan", { department: summary.departmentCode, year: summary.year }) };
      case "theme":
        return { main: readable(summary.title, locale), sub: summary.code };
      case "token":
        return { main: t("table.tokenOf", { name: summary.name, owner: summary.owner }) };
    }
  };

  return (
    // From sm up a table (60rem wide, scrolling sideways if need be); on a phone each event is a card
    // of its own, its cells one under another with their names.
    <TableFrame label={t("table.caption")} testId="audit-table" boxed tableClassName="block sm:table sm:min-w-[60rem]">
      <caption className="sr-only">{t("table.caption")}</caption>
      <thead className={`${theadClass(true)} hidden sm:table-header-group`}>
        <tr>
          <Th pad="lg">{t("table.at")}</Th>
          <Th pad="lg">{t("table.actor")}</Th>
          <Th pad="lg">{t("table.action")}</Th>
          <Th pad="lg">{t("table.object")}</Th>
          <Th pad="lg">{t("table.ip")}</Th>
          <Th pad="lg">{t("table.changes")}</Th>
        </tr>
      </thead>
      <tbody className="block divide-y divide-slate-100 align-top sm:table-row-group">
        {rows.map((row) => {
          const changes = auditChanges(row.before, row.after);
          const href = objectHref(row);
          const typeLabel = row.objectType ? (label(`objectTypes.${row.objectType}`) ?? row.objectType) : null;
          const summary = row.objectSummary ? summaryText(row.objectSummary) : null;
          // A session is its actor's own sign-in: nothing to name beyond the actor.
          const gone = !summary && row.objectId && row.objectType !== "UserSession";
          const ip = displayIp(row.ip);
          return (
            <tr key={row.id} data-testid="audit-row" data-action={row.action} data-id={row.id} className="flex flex-col py-2 sm:table-row sm:py-0">
              <td className={`${cell} whitespace-nowrap tabular-nums text-slate-700 sm:text-slate-900`}>
                <time dateTime={row.at.toISOString()}>{when(row.at)}</time>
              </td>
              <td className={cell}>
                <CellName>{t("table.actor")}</CellName>
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
              <td className={`${cell} order-first font-medium text-slate-900 sm:font-normal`} data-testid="audit-action">
                {label(`actions.${row.action}`) ?? <code className="font-mono text-xs">{row.action}</code>}
              </td>
              <td className={cell} data-testid="audit-object">
                <CellName>{t("table.object")}</CellName>
                {typeLabel ? (
                  <>
                    <span className="block text-xs text-slate-600">{typeLabel}</span>
                    {summary &&
                      (href ? (
                        <Link href={href} className="block break-words text-brand-700 hover:underline">
                          {summary.main}
                        </Link>
                      ) : (
                        <span className="block break-words text-slate-900">{summary.main}</span>
                      ))}
                    {summary?.sub && <span className="block break-all text-xs text-slate-600">{summary.sub}</span>}
                    {gone && <span className="block text-xs text-slate-600">{t("table.objectGone")}</span>}
                  </>
                ) : (
                  <span className="text-slate-600">{t("table.noChanges")}</span>
                )}
              </td>
              <td className={`${cell} whitespace-nowrap`}>
                <CellName>{t("table.ip")}</CellName>
                <span className="font-mono text-xs" data-testid="audit-ip">
                  {ip ?? t("table.noChanges")}
                </span>
              </td>
              <td className={cell}>
                <CellName>{t("table.changes")}</CellName>
                {changes.length === 0 ? (
                  <span className="text-slate-600">{t("table.noChanges")}</span>
                ) : (
                  <ul className="space-y-0.5 text-xs" data-testid="audit-changes">
                    {changes.map((c) => (
                      <li key={c.key} className="break-words">
                        {c.key && <span className="text-slate-600">{t("table.field", { name: fieldName(c.key) })}</span>}
                        {change(c)}
                      </li>
                    ))}
                  </ul>
                )}
                <details className="mt-1 text-xs" data-testid="audit-raw">
                  <summary className="cursor-pointer text-brand-700 hover:underline">{t("table.raw")}</summary>
                  {/* Focusable, so that a keyboard can scroll a long record. */}
                  <pre tabIndex={0} aria-label={t("table.raw")} className="mt-1 max-h-64 max-w-md overflow-auto whitespace-pre-wrap break-all rounded bg-slate-50 p-2 font-mono text-[11px] text-slate-800">
                    {rawRecord(row)}
                  </pre>
                </details>
              </td>
            </tr>
          );
        })}
      </tbody>
    </TableFrame>
  );
}
