import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { HelpPage } from "@/features/help/HelpPage";

// Rendered per request (no database, no session) so that its scripts carry the CSP nonce (proxy.ts).
export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations({ locale: "zh-Hans", namespace: "help" });
  const app = await getTranslations({ locale: "zh-Hans", namespace: "app" });
  return { title: { absolute: `${t("title")} · ${app("name")}` } };
}

export default function Help() {
  return <HelpPage locale="zh-Hans" />;
}
