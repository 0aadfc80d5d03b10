import type { MySession } from "@workplan/core/operations/my-sessions";
import { getFormatter, getTranslations } from "next-intl/server";
import { SignOutOthersButton } from "./SignOutOthersButton";
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
        // Focusable, so that a keyboard can scroll it when it is wider than a phone.
        <div role="region" aria-label={t("caption")} tabIndex={0} className="overflow-x-auto">
          <table className="w-full text-left text-sm" data-testid="my-sessions">
            <caption className="sr-only">{t("caption")}</caption>
            <thead className="border-b border-slate-200 text-xs text-slate-600">
              <tr>
                <th scope="col" className="py-2 pr-4 font-medium">{t("time")}</th>
                <th scope="col" className="py-2 pr-4 font-medium">{t("address")}</th>
                <th scope="col" className="py-2 pr-4 font-medium">{t("browser")}</th>
                <th scope="col" className="py-2 font-medium">{t("status")}</th>
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
                  <td className="whitespace-nowrap py-2 pr-4">
                    <time dateTime={s.createdAt.toISOString()}>{when(s.createdAt)}</time>
                  </td>
                  <td className="py-2 pr-4 font-mono text-xs">{s.ip ?? t("unknown")}</td>
                  <td className="py-2 pr-4">{s.browser ?? t("unknown")}</td>
                  <td className="whitespace-nowrap py-2" data-testid="session-status">
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
          </table>
        </div>
      )}
    </section>
  );
}
