import { requirePermission } from "@workplan/auth";
import { DomainError } from "@workplan/core/operations/errors";
import { THROTTLE_COUNT_CAP, listSignInThrottles, type SignInThrottlePage } from "@workplan/core/operations/sign-in-throttles";
import type { Metadata } from "next";
import { getFormatter, getTranslations } from "next-intl/server";
import Link from "next/link";
import { Alert } from "@/components/Alert";
import { PageHeader } from "@/components/PageHeader";
import { ThrottleTable } from "@/features/admin-throttles/ThrottleTable";

// The sign-in limits in force now (rules: @workplan/core/rules/sign-in-throttle), 50 a page, for
// admins to see who is being held back and to clear a limit.

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("adminThrottles");
  return { title: t("title") };
}

type Search = Record<string, string | string[] | undefined>;
const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) ?? "";

export default async function SignInThrottlesPage({ searchParams }: { searchParams: Promise<Search> }) {
  const viewer = await requirePermission("admin.throttles");
  const t = await getTranslations("adminThrottles");
  const format = await getFormatter();
  const after = first((await searchParams).after);

  let page: SignInThrottlePage | null = null;
  try {
    page = await listSignInThrottles(viewer, { after });
  } catch (error) {
    // A hand-edited or outdated page link: say so, and offer the first page.
    if (!(error instanceof DomainError) || error.code !== "invalid") throw error;
  }

  return (
    <div className="space-y-5">
      <PageHeader
        title={t("title")}
        description={t("intro")}
        actions={
          <Link href="/admin/audit?action=auth.sign_in_failed" className="text-sm text-brand-700 underline underline-offset-2">
            {t("auditLink")}
          </Link>
        }
      />
      {!page ? (
        <Alert kind="error" testId="throttles-invalid">
          {t("errors.cursor.invalid")}{" "}
          <Link href="/admin/sign-in-throttles" className="font-medium underline">
            {t("first")}
          </Link>
        </Alert>
      ) : (
        <>
          <p className="text-sm text-slate-700" data-testid="throttle-count">
            {page.total > THROTTLE_COUNT_CAP ? t("countMore", { count: format.number(THROTTLE_COUNT_CAP) }) : t("count", { count: page.total })}
          </p>
          {page.items.length === 0 ? (
            <p className="rounded-md border border-dashed border-slate-300 p-6 text-center text-sm text-slate-600" data-testid="throttles-empty">
              {t("empty")}
            </p>
          ) : (
            <ThrottleTable rows={page.items} />
          )}
          {(after || page.next) && (
            <nav aria-label={t("pagination")} className="flex flex-wrap items-center justify-between gap-3 text-sm">
              {after ? (
                <Link href="/admin/sign-in-throttles" className="text-brand-700 underline underline-offset-2">
                  {t("first")}
                </Link>
              ) : (
                <span />
              )}
              {page.next && (
                <Link href={`/admin/sign-in-throttles?after=${encodeURIComponent(page.next)}`} className="text-brand-700 underline underline-offset-2" data-testid="throttles-next">
                  {t("next")}
                </Link>
              )}
            </nav>
          )}
        </>
      )}
    </div>
  );
}
