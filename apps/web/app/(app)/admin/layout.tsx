import { requirePermission } from "@workplan/auth";
import { getTranslations } from "next-intl/server";
import Link from "next/link";

// Every admin page is for admins alone; to anyone else it does not exist (404).
export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  await requirePermission("admin.users");
  const t = await getTranslations("admin.nav");
  const links = [
    { href: "/admin/users", label: t("users") },
    { href: "/admin/departments", label: t("departments") },
    { href: "/admin/plans", label: t("plans") },
    { href: "/admin/audit", label: t("audit") },
    { href: "/admin/sign-in-throttles", label: t("throttles") },
  ];
  return (
    <div className="space-y-6">
      <nav aria-label={t("label")} className="flex flex-wrap gap-1 rounded-lg bg-slate-200 p-1">
        {links.map((l) => (
          <Link key={l.href} href={l.href} className="rounded-md px-3 py-1 text-sm font-medium text-slate-800 hover:bg-white">
            {l.label}
          </Link>
        ))}
      </nav>
      {children}
    </div>
  );
}
