// One's language and digest mail, and the ministry's digest time: what the settings forms save.
import { prisma } from "@workplan/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runSeed } from "../../../../../prisma/seed/run-seed";
import type { Viewer } from "../../rules/policy";
import { newUser, refusal, viewer } from "../../testing/progress-testing";
import { getAppSettings, updateAppSettings } from "../digest/app-settings";
import { getMyPreferences, updateMyPreferences } from "./preferences";

describe("preferences and the digest's time", () => {
  let manager: Viewer;
  let admin: Viewer;
  beforeAll(async () => {
    await runSeed({ demo: true });
    manager = await newUser("prefs", "MANAGER", "KJS");
    admin = await viewer("admin@demo.local");
  });
  afterAll(async () => {
    await prisma.appSetting.update({ where: { id: 1 }, data: { digestWeekday: 1, digestHour: 8 } });
    await prisma.$disconnect();
  });

  it("keeps one's language and digest mail, audited, and refuses what is not one of them", async () => {
    expect(await getMyPreferences(manager)).toEqual({ locale: "zh-Hans", digestEmail: true });
    await updateMyPreferences(manager, { locale: "zh-Hant", digestEmail: false }, { ip: "127.0.0.1" });
    expect(await getMyPreferences(manager)).toEqual({ locale: "zh-Hant", digestEmail: false });
    const audit = await prisma.auditEvent.findFirstOrThrow({ where: { action: "user.preferences_changed", objectId: manager.id } });
    expect([audit.before, audit.after]).toEqual([{ locale: "zh-Hans", digestEmail: true }, { locale: "zh-Hant", digestEmail: false }]);

    expect((await refusal(updateMyPreferences(manager, { locale: "fr", digestEmail: "yes" }))).fields).toEqual({
      locale: "locale.invalid",
      digestEmail: "digestEmail.invalid",
    });
    expect(await getMyPreferences(manager)).toEqual({ locale: "zh-Hant", digestEmail: false });
  });

  it("lets only an admin set the digest's day and hour, within the week and the day", async () => {
    expect((await refusal(updateAppSettings(manager, { digestWeekday: 3, digestHour: 9 }))).code).toBe("not_found");
    expect((await refusal(updateAppSettings(admin, { digestWeekday: 7, digestHour: 24 }))).fields).toEqual({
      digestWeekday: "digestWeekday.range",
      digestHour: "digestHour.range",
    });
    expect(await getAppSettings()).toEqual({ digestWeekday: 1, digestHour: 8 });
    await updateAppSettings(admin, { digestWeekday: "3", digestHour: "9" });
    expect(await getAppSettings()).toEqual({ digestWeekday: 3, digestHour: 9 });
    const audit = await prisma.auditEvent.findFirstOrThrow({ where: { action: "settings.updated" }, orderBy: { at: "desc" } });
    expect(audit.after).toEqual({ digestWeekday: 3, digestHour: 9 });
  });
});
