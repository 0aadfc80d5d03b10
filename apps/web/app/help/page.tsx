import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { HelpPage } from "@/features/help/HelpPage";

// Prerendered at build time: cookies read by the layouts (the interface language) come back empty here.
export const dynamic = "force-static";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations({ locale: "zh-Hans", namespace: "help" });
  const app = await getTranslations({ locale: "zh-Hans", namespace: "app" });
  return { title: { absolute: `${t("title")} · ${app("name")}` } };
}

export default function Help() {
  return <HelpPage locale="zh-Hans" />;
}
