import { requirePermission } from "@workplan/auth";
import { getUserForAdmin, listAssignableDepartments } from "@workplan/core/operations/list-users";
import { displayIp } from "@workplan/core/rules/audit-diff";
import type { Metadata } from "next";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { PageHeader } from "@/components/PageHeader";
import { ResetControl, StatusControl, UnlockControl } from "@/features/admin-users/AccountControls";
import { RoleForm } from "@/features/admin-users/RoleForm";
import { initialScope } from "@/features/admin-users/scope";
import { departmentName } from "@/lib/display";

type Props = { params: Promise<{ id: string }> };

// One read per request, shared by the metadata and the page.
const loadUser = cache(async (id: string) => getUserForAdmin(await requirePermission("admin.users"), id));

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const user = await loadUser((await params).id);
  return { title: user?.name };
}

function Section({ id, title, children }: { id: string; title: string; children: React.ReactNode }) {
  return (
    <section aria-labelledby={id} className="space-y-3 rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
      <h2 id={id} className="text-base font-semibold">
        {title}
      </h2>
      {children}
    </section>
  );
}

export default async function AdminUserPage({ params }: Props) {
  const viewer = await requirePermission("admin.users");
  const user = await loadUser((await params).id);
  if (!user) notFound();
  const t = await getTranslations("adminUsers");
  const tRoles = await getTranslations("roles");
  const locale = await getLocale();
  const format = await getFormatter();
  const when = (d: Date | string) => format.dateTime(new Date(d), { dateStyle: "medium", timeStyle: "short" });
  const departments = (await listAssignableDepartments(viewer)).map((d) => ({ code: d.code, name: departmentName(d, locale) }));
  // The user's current department stays selectable even if it has since been archived.
  if (user.department && !departments.some((d) => d.code === user.department?.code)) {
    departments.push({ code: user.department.code, name: departmentName(user.department, locale) });
  }
  const scope = user.department ? departmentName(user.department, locale) : user.role === "STAFF" ? t("noDepartment") : t("ministryWide");

  return (
    <div className="max-w-4xl space-y-5">
      <Link href="/admin/users" className="text-sm text-brand-700 hover:underline">
        ← {t("back")}
      </Link>
      <PageHeader title={user.name} testId="user-name" description={<span className="break-all">{user.email}</span>}>
        <p className="flex flex-wrap items-center gap-1.5 text-sm text-slate-700" data-testid="user-summary">
          <span>
            {tRoles(user.role)} · {scope}
          </span>
          {user.active ? (
            <span className="rounded bg-emerald-100 px-1.5 py-0.5 text-xs font-medium text-emerald-900">{t("active")}</span>
          ) : (
            <span className="rounded bg-slate-200 px-1.5 py-0.5 text-xs font-medium text-slate-800">{t("inactive")}</span>
          )}
          {user.locked && <span className="rounded bg-amber-100 px-1.5 py-0.5 text-xs font-medium text-amber-900">{t("locked")}</span>}
        </p>
      </PageHeader>

      <Section id="account-heading" title={t("detail.account")}>
        <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[max-content_1fr]">
          <dt className="text-slate-600">{t("detail.createdAt")}</dt>
          <dd>{when(user.createdAt)}</dd>
          <dt className="text-slate-600">{t("lastLogin")}</dt>
          <dd>{user.lastLoginAt ? when(user.lastLoginAt) : t("never")}</dd>
          <dt className="text-slate-600">{t("detail.password")}</dt>
          <dd data-testid="password-status">
            {user.hasPassword ? t("detail.passwordSet") : t("detail.passwordNotSet")}
            {user.pendingLink && <span className="block text-slate-600">{t("detail.pendingLink", { date: when(user.pendingLink.expiresAt) })}</span>}
          </dd>
        </dl>
      </Section>

      <Section id="role-heading" title={t("roleForm.title")}>
        <RoleForm userId={user.id} role={user.role} department={initialScope(user.role, user.department?.code ?? null)} departments={departments} />
      </Section>

      <Section id="status-heading" title={t("activity.title")}>
        <StatusControl userId={user.id} active={user.active} />
      </Section>

      <Section id="lock-heading" title={t("lockSection.title")}>
        <p className="text-sm text-slate-700" data-testid="lock-status">
          {user.lockedUntil ? t("lockSection.lockedUntil", { date: when(user.lockedUntil) }) : t("lockSection.notLocked")}
        </p>
        <UnlockControl userId={user.id} lockedUntil={user.lockedUntil} />
      </Section>

      {user.active && (
        <Section id="reset-heading" title={t("reset.title")}>
          <ResetControl userId={user.id} email={user.email} invitation={user.nextLink === "INVITE"} />
        </Section>
      )}

      <Section id="sessions-heading" title={t("sessions.title")}>
        {user.sessions.length === 0 ? (
          <p className="text-sm text-slate-600" data-testid="sessions-empty">
            {t("sessions.none")}
          </p>
        ) : (
          <ul className="divide-y divide-slate-100 text-sm" data-testid="session-list">
            {user.sessions.map((s) => (
              <li key={s.id} className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1 py-2">
                <div className="min-w-0">
                  <p className="font-medium">
                    <span className="sr-only">{t("sessions.time")}: </span>
                    {when(s.createdAt)}
                  </p>
                  <p className="break-all text-xs text-slate-600">
                    <span className="sr-only">{t("sessions.ip")}: </span>
                    {displayIp(s.ip) ?? t("sessions.unknown")} · <span className="sr-only">{t("sessions.device")}: </span>
                    {s.userAgent ?? t("sessions.unknown")}
                  </p>
                </div>
                <span
                  className={`rounded px-1.5 py-0.5 text-xs font-medium ${
                    s.status === "open" ? "bg-emerald-100 text-emerald-900" : "bg-slate-100 text-slate-700"
                  }`}
                >
                  <span className="sr-only">{t("sessions.status")}: </span>
                  {t(`sessions.${s.status}`)}
                </span>
              </li>
            ))}
          </ul>
        )}
      </Section>
    </div>
  );
}
