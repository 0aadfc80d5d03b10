import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { buttonClass } from "@/components/Button";

export default async function NotFound() {
  const t = await getTranslations("errors");
  return (
    <main className="mx-auto flex min-h-[60vh] max-w-lg flex-col items-center justify-center px-4 text-center">
      <title>{t("notFoundTitle")}</title>
      <p className="text-5xl font-bold text-brand-700">404</p>
      <h1 className="mt-4 text-xl font-semibold">{t("notFoundTitle")}</h1>
      <p className="mt-2 text-slate-600">{t("notFoundBody")}</p>
      <Link href="/plan" className={`${buttonClass("primary")} mt-6`}>
        {t("home")}
      </Link>
    </main>
  );
}
