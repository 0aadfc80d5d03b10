import { requireUser } from "@workplan/auth";
import { listApiTokens } from "@workplan/core/operations/api-tokens";
import { listMySessions } from "@workplan/core/operations/my-sessions";
import { getMyPreferences } from "@workplan/core/operations/preferences/preferences";
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/PageHeader";
import { ChangePassword } from "@/features/account/ChangePassword";
import { MySessions } from "@/features/account/MySessions";
import { Preferences } from "@/features/account/Preferences";
import { ApiTokens } from "@/features/settings/ApiTokens";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("settings");
  return { title: t("title") };
}

export default async function SettingsPage() {
  const viewer = await requireUser();
  const t = await getTranslations("settings");
  const [tokens, sessions, preferences] = await Promise.all([listApiTokens(viewer), listMySessions(viewer), getMyPreferences(viewer)]);
  return (
    <div className="space-y-6">
      <PageHeader title={t("title")} />
      <Preferences values={preferences} manager={viewer.role === "MANAGER"} />
      <ChangePassword email={viewer.email} />
      <MySessions sessions={sessions} />
      <ApiTokens tokens={tokens} />
    </div>
  );
}
