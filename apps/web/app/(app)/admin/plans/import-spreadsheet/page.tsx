import { requirePermission } from "@workplan/auth";
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { buttonClass } from "@/components/Button";
import { PageHeader } from "@/components/PageHeader";
import { ImportForm } from "@/features/admin-spreadsheet/ImportForm";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("adminSpreadsheet");
  return { title: t("title") };
}

export default async function ImportSpreadsheetPage() {
  // The admin layout guards every admin page; this one asks for its own permission too.
  await requirePermission("admin.plans");
  const t = await getTranslations("adminSpreadsheet");
  return (
    <div className="space-y-6">
      <PageHeader title={t("title")} description={t("intro")} />
      <ol className="max-w-3xl list-decimal space-y-2 pl-5 text-sm text-slate-800">
        <li>
          <p>{t("step1")}</p>
          <a
            href="/admin/plans/import-spreadsheet/template"
            download
            className={`${buttonClass("outline", "sm")} mt-2`}
            data-testid="download-template"
          >
            {t("download")}
          </a>
        </li>
        <li>{t("step2")}</li>
      </ol>
      <ImportForm />
    </div>
  );
}
