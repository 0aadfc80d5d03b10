-- Reminders before the due day, the weekly digest, and chases that say what they want.

-- Days before a plan's due day on which unreported initiatives are reminded (0: no automatic reminders).
ALTER TABLE "work_plans" ADD COLUMN "reminder_days_before" INTEGER NOT NULL DEFAULT 3;
ALTER TABLE "work_plans" ADD CONSTRAINT "work_plans_reminder_days_before_range" CHECK ("reminder_days_before" BETWEEN 0 AND 14);

-- The user's language (mails are written in it) and whether the weekly digest is mailed.
ALTER TABLE "users" ADD COLUMN "locale" TEXT NOT NULL DEFAULT 'zh-Hans';
ALTER TABLE "users" ADD CONSTRAINT "users_locale_known" CHECK ("locale" IN ('zh-Hans', 'zh-Hant', 'en'));
ALTER TABLE "users" ADD COLUMN "digest_email" BOOLEAN NOT NULL DEFAULT true;

-- A chase may ask for a report by a date.
ALTER TABLE "chases" ADD COLUMN "reply_by" DATE;

-- One automatic reminder per initiative, month and kind, whatever number of app processes send them:
-- the primary key is the guarantee, not a check in memory.
CREATE TABLE "reminders" (
    "initiative_id" TEXT NOT NULL,
    "period" DATE NOT NULL,
    "kind" TEXT NOT NULL,
    "sent_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "reminders_pkey" PRIMARY KEY ("initiative_id", "period", "kind"),
    CONSTRAINT "reminders_kind_known" CHECK ("kind" IN ('due_soon', 'overdue'))
);
ALTER TABLE "reminders" ADD CONSTRAINT "reminders_initiative_id_fkey" FOREIGN KEY ("initiative_id") REFERENCES "initiatives"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- One digest per manager and week.
CREATE TABLE "digests" (
    "user_id" TEXT NOT NULL,
    "week" DATE NOT NULL,
    "sent_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "digests_pkey" PRIMARY KEY ("user_id", "week")
);
ALTER TABLE "digests" ADD CONSTRAINT "digests_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Settings of the whole installation: one row.
CREATE TABLE "app_settings" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "digest_weekday" INTEGER NOT NULL DEFAULT 1,
    "digest_hour" INTEGER NOT NULL DEFAULT 8,
    "updated_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "app_settings_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "app_settings_one_row" CHECK ("id" = 1),
    CONSTRAINT "app_settings_digest_weekday_range" CHECK ("digest_weekday" BETWEEN 0 AND 6),
    CONSTRAINT "app_settings_digest_hour_range" CHECK ("digest_hour" BETWEEN 0 AND 23)
);
INSERT INTO "app_settings" ("id") VALUES (1);
