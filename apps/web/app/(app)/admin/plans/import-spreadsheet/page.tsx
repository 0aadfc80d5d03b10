import { requirePermission } from "@workplan/auth";
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
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
      <div>
        <h1 className="text-2xl font-semibold">{t("title")}</h1>
        <p className="mt-1 max-w-3xl text-sm text-slate-700">{t("intro")}</p>
      </div>
      <ol className="max-w-3xl list-decimal space-y-2 pl-5 text-sm text-slate-800">
        <li>
          <p>{t("step1")}</p>
          <a
            href="/admin/plans/import-spreadsheet/template"
            download
            className="mt-2 inline-flex items-center rounded-md border border-brand-700 px-3 py-1.5 font-medium text-brand-800 hover:bg-brand-50"
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
