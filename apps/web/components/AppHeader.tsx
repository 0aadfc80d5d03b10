import type { SessionViewer } from "@workplan/auth";
import { unreadNotificationCount } from "@workplan/core/operations/notifications";
import { can } from "@workplan/core/rules/policy";
import { getLocale, getTranslations } from "next-intl/server";
import Link from "next/link";
import { SignOutButton } from "@/features/auth/SignOutButton";
import { LocaleSwitcher } from "@/features/i18n/LocaleSwitcher";
import { helpHref } from "@/features/help/HelpPage";
import { departmentName } from "@/lib/display";

export async function AppHeader({ viewer }: { viewer: SessionViewer }) {
  const t = await getTranslations();
  const locale = await getLocale();
  const unread = await unreadNotificationCount(viewer);
  // The link's name says what the badge shows ("99+", not the exact 145,223): speech users say what they see.
  const unreadShown = unread > 99 ? "99+" : String(unread);
  const scope = viewer.department ? departmentName(viewer.department, locale) : t("roles.ministryWide");
  return (
    <header className="bg-brand-700 text-white shadow">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-x-6 gap-y-2 px-4 py-3">
        <div className="flex flex-wrap items-center gap-x-5 gap-y-1">
          <Link href="/" className="flex flex-col leading-tight">
            <span className="text-xs text-white/75">{t("app.ministry")}</span>
            <span className="text-lg font-semibold tracking-wide">{t("app.name")}</span>
          </Link>
          <nav aria-label={t("nav.menu")} className="flex flex-wrap gap-1">
            {can(viewer, "dashboard.read") && (
              <Link href="/dashboard" className="whitespace-nowrap rounded px-2 py-1 text-sm font-medium hover:bg-white/10">
                {t("nav.dashboard")}
              </Link>
            )}
            <Link href="/plan" className="whitespace-nowrap rounded px-2 py-1 text-sm font-medium hover:bg-white/10">
              {t("nav.plan")}
            </Link>
            <Link href="/initiatives" className="whitespace-nowrap rounded px-2 py-1 text-sm font-medium hover:bg-white/10">
              {t("lists.navInitiatives")}
            </Link>
            <Link href="/updates" className="whitespace-nowrap rounded px-2 py-1 text-sm font-medium hover:bg-white/10">
              {t("lists.navUpdates")}
            </Link>
            {can(viewer, "update.review") && (
              <Link href="/review" className="whitespace-nowrap rounded px-2 py-1 text-sm font-medium hover:bg-white/10">
                {t("nav.review")}
              </Link>
            )}
            {can(viewer, "initiative.chase") && (
              <Link href="/calendar" className="whitespace-nowrap rounded px-2 py-1 text-sm font-medium hover:bg-white/10">
                {t("nav.calendar")}
              </Link>
            )}
            {can(viewer, "report.export") && (
              <Link href="/reports" className="whitespace-nowrap rounded px-2 py-1 text-sm font-medium hover:bg-white/10">
                {t("nav.reports")}
              </Link>
            )}
            {can(viewer, "admin.users") && (
              <Link href="/admin/users" className="whitespace-nowrap rounded px-2 py-1 text-sm font-medium hover:bg-white/10">
                {t("nav.admin")}
              </Link>
            )}
            <Link href="/settings" className="whitespace-nowrap rounded px-2 py-1 text-sm font-medium hover:bg-white/10">
              {t("nav.settings")}
            </Link>
          </nav>
        </div>
        <div className="flex flex-wrap items-center gap-3">
          <LocaleSwitcher />
          <Link href={helpHref(locale)} className="rounded px-2 py-1 text-sm hover:bg-white/10" data-testid="help-link">
            {t("help.nav")}
          </Link>
          <Link
            href="/notifications"
            className="relative rounded px-2 py-1 text-sm hover:bg-white/10"
            aria-label={unread > 0 ? `${t("nav.notifications")}: ${t("nav.unreadCount", { count: unreadShown })}` : t("nav.notifications")}
            data-testid="notifications-link"
          >
            <svg aria-hidden viewBox="0 0 24 24" className="inline h-5 w-5 align-[-4px]" fill="none" stroke="currentColor" strokeWidth="2">
              <path strokeLinecap="round" strokeLinejoin="round" d="M15 17h5l-1.4-1.4A2 2 0 0 1 18 14.2V11a6 6 0 1 0-12 0v3.2a2 2 0 0 1-.6 1.4L4 17h5m6 0a3 3 0 1 1-6 0" />
            </svg>
            {unread > 0 && (
              <span className="ml-1 rounded-full bg-white px-1.5 text-xs font-semibold text-brand-800" data-testid="unread-count">
                {unreadShown}
              </span>
            )}
          </Link>
          <div className="text-right text-sm leading-tight" data-testid="current-user">
            <div className="font-medium">{viewer.name}</div>
            <div className="text-xs text-white/75">
              {t(`roles.${viewer.role}`)} · {scope}
            </div>
          </div>
          <SignOutButton label={t("nav.signOut")} />
        </div>
      </div>
    </header>
  );
}
