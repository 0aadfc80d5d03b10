import { requireUser } from "@workplan/auth";
import { getTranslations } from "next-intl/server";
import { AppHeader } from "@/components/AppHeader";

export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const viewer = await requireUser();
  const t = await getTranslations("app");
  return (
    <>
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:bg-white focus:p-2">
        {t("skip")}
      </a>
      <AppHeader viewer={viewer} />
      <main id="main" className="mx-auto max-w-6xl px-4 py-6">
        {children}
      </main>
    </>
  );
}
