import type { SignInThrottleRow } from "@workplan/core/operations/sign-in-throttles";
import { getFormatter, getTranslations } from "next-intl/server";
import Link from "next/link";
import { TableFrame, Th, theadClass } from "@/components/Table";
import { ClearThrottleButton } from "./ClearThrottleButton";

/** The sign-in limits in force: what is limited (address, account or both), the counts, until when, and a button to clear each. */
export async function ThrottleTable({ rows }: { rows: SignInThrottleRow[] }) {
  const t = await getTranslations("adminThrottles");
  const format = await getFormatter();
  const when = (d: Date) => format.dateTime(d, { dateStyle: "medium", timeStyle: "medium" });
  return (
    <TableFrame label={t("caption")} testId="throttle-table" minWidth="56rem" boxed>
      <caption className="sr-only">{t("caption")}</caption>
      <thead className={theadClass(true)}>
        <tr>
          <Th pad="lg">{t("kind")}</Th>
          <Th pad="lg">{t("address")}</Th>
          <Th pad="lg">{t("account")}</Th>
          <Th pad="lg" align="right">
            {t("failures")}
          </Th>
          <Th pad="lg" align="right">
            {t("refused")}
          </Th>
          <Th pad="lg">{t("lastFailedAt")}</Th>
          <Th pad="lg">{t("delayedUntil")}</Th>
          <Th pad="lg">{t("actions")}</Th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {rows.map((row) => {
          const address = row.address === "" ? t("anyAddress") : row.address === "unknown" ? t("noAddress") : row.address;
          const account = row.email === "" ? t("anyAccount") : row.email;
          return (
            <tr key={`${row.address}|${row.email}`} data-testid="throttle-row" data-kind={row.kind} data-address={row.address} data-email={row.email}>
              <td className="px-3 py-2">{t(`kinds.${row.kind}`)}</td>
              <td className="px-3 py-2 font-mono text-xs break-all">{address}</td>
              <td className="px-3 py-2">
                <span className="break-all">{account}</span>
                {row.email !== "" &&
                  (row.user ? (
                    <Link href={`/admin/users/${row.user.id}`} className="block text-xs text-brand-700 hover:underline">
                      {row.user.name}
                    </Link>
                  ) : (
                    <span className="block text-xs text-slate-600">{t("noAccount")}</span>
                  ))}
              </td>
              <td className="px-3 py-2 text-right tabular-nums" data-testid="throttle-failures">
                {row.failures}
              </td>
              <td className="px-3 py-2 text-right tabular-nums">{row.refused}</td>
              <td className="px-3 py-2 whitespace-nowrap">{when(row.lastFailedAt)}</td>
              <td className="px-3 py-2 whitespace-nowrap" data-testid="throttle-until">
                {when(row.delayedUntil)}
              </td>
              <td className="px-3 py-2">
                <ClearThrottleButton address={row.address} email={row.email} label={`${t("clear")}: ${t(`kinds.${row.kind}`)} · ${address} · ${account}`} />
              </td>
            </tr>
          );
        })}
      </tbody>
    </TableFrame>
  );
}
