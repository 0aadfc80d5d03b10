-- Sign-in throttling by address, by account and by address with account, with growing delays
-- instead of a 15-minute lock per e-mail that anyone could set off (issue 12, item 4).

-- CreateTable
CREATE TABLE "sign_in_throttles" (
    "address" TEXT NOT NULL DEFAULT '',
    "email" TEXT NOT NULL DEFAULT '',
    "failures" INTEGER NOT NULL,
    "last_failed_at" TIMESTAMP(3) NOT NULL,
    "delayed_until" TIMESTAMP(3),
    "refused" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "sign_in_throttles_pkey" PRIMARY KEY ("address","email"),
    -- A row is an address's, an account's, or both: never neither.
    CONSTRAINT "sign_in_throttles_key" CHECK ("address" <> '' OR "email" <> ''),
    CONSTRAINT "sign_in_throttles_counts" CHECK ("failures" >= 0 AND "refused" >= 0)
);

-- CreateIndex
CREATE INDEX "sign_in_throttles_delayed_until_idx" ON "sign_in_throttles"("delayed_until");

-- CreateIndex
CREATE INDEX "sign_in_throttles_email_idx" ON "sign_in_throttles"("email");

-- CreateIndex
CREATE INDEX "sign_in_throttles_last_failed_at_idx" ON "sign_in_throttles"("last_failed_at");

-- The old per-e-mail counts carry over as the accounts' own rows (a lock still running stays one).
INSERT INTO "sign_in_throttles" ("email", "failures", "last_failed_at", "delayed_until")
SELECT "email", "failures", "first_failed_at", "locked_until" FROM "login_throttles" WHERE "email" <> '';

-- DropTable
DROP TABLE "login_throttles";
