import type { MySession } from "@workplan/core/operations/my-sessions";
import { getFormatter, getTranslations } from "next-intl/server";
import { TableFrame, Th, theadClass } from "@/components/Table";
import { SignOutOthersButton } from "./SignOutOthersButton";
import { displayIp } from "@workplan/core/rules/audit-diff";
import { BEIJING_TIME_ZONE } from "@workplan/core/rules/dates";

/** The viewer's last 20 sign-ins; on a phone the table scrolls sideways. */
export async function MySessions({ sessions }: { sessions: MySession[] }) {
  const t = await getTranslations("account.sessions");
  const format = await getFormatter();
  const when = (d: Date) => format.dateTime(d, { dateStyle: "medium", timeStyle: "short", timeZone: BEIJING_TIME_ZONE });
  return (
    <section aria-labelledby="sessions-heading" className="space-y-4 rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
      <div>
        <h2 id="sessions-heading" className="text-base font-semibold">
          {t("heading")}
        </h2>
        <p className="mt-1 text-sm text-slate-600">{t("intro")}</p>
      </div>
      <SignOutOthersButton />
      {sessions.length === 0 ? (
        <p className="text-sm text-slate-600">{t("empty")}</p>
      ) : (
        <TableFrame label={t("caption")} testId="my-sessions">
          <caption className="sr-only">{t("caption")}</caption>
          <thead className={theadClass()}>
            <tr>
              <Th>{t("time")}</Th>
              <Th>{t("address")}</Th>
              <Th>{t("browser")}</Th>
              <Th>{t("status")}</Th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {sessions.map((s) => (
              <tr
                key={s.id}
                data-testid="my-session"
                data-active={s.active}
                data-current={s.current}
              >
                <td className="whitespace-nowrap px-2 py-2">
                  <time dateTime={s.createdAt.toISOString()}>{when(s.createdAt)}</time>
                </td>
                <td className="px-2 py-2 font-mono text-xs" data-testid="session-ip">
                  {displayIp(s.ip) ?? t("unknown")}
                </td>
                <td className="px-2 py-2">{s.browser ?? t("unknown")}</td>
                <td className="whitespace-nowrap px-2 py-2" data-testid="session-status">
                  {s.current ? (
                    <span className="font-medium text-emerald-800">{t("current")}</span>
                  ) : s.active ? (
                    <span className="text-emerald-800">{t("active")}</span>
                  ) : (
                    <span className="text-slate-600">{t("ended")}</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </TableFrame>
      )}
    </section>
  );
}
