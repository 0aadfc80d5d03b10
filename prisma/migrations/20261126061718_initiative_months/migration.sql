-- CreateTable
CREATE TABLE "initiative_months" (
    "initiative_id" TEXT NOT NULL,
    "period" DATE NOT NULL,
    "first_report_at" TIMESTAMP(3) NOT NULL,
    "last_report_at" TIMESTAMP(3) NOT NULL,
    "progress" INTEGER NOT NULL,
    "report_count" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "initiative_months_pkey" PRIMARY KEY ("initiative_id","period")
);

-- AddForeignKey
ALTER TABLE "initiative_months" ADD CONSTRAINT "initiative_months_initiative_id_fkey" FOREIGN KEY ("initiative_id") REFERENCES "initiatives"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Backfill from the reports already stored: the lead department's reports per initiative and month.
INSERT INTO "initiative_months" ("initiative_id", "period", "first_report_at", "last_report_at", "progress", "report_count")
SELECT u."initiative_id", u."period", min(u."created_at"), max(u."created_at"),
       (array_agg(u."progress" ORDER BY u."created_at" DESC, u."id" DESC))[1], count(*)::int
  FROM "progress_updates" u
  JOIN "initiatives" i ON i."id" = u."initiative_id" AND i."department_id" = u."department_id"
 GROUP BY u."initiative_id", u."period";

-- Kept by the database itself, in the transaction of every insert or delete of a report, so no
-- writer (the app, an import, a bench load) can forget it.
CREATE FUNCTION initiative_months_recompute(p_initiative TEXT, p_period DATE) RETURNS void AS $$
BEGIN
  DELETE FROM "initiative_months" WHERE "initiative_id" = p_initiative AND "period" = p_period;
  INSERT INTO "initiative_months" ("initiative_id", "period", "first_report_at", "last_report_at", "progress", "report_count")
  SELECT u."initiative_id", u."period", min(u."created_at"), max(u."created_at"),
         (array_agg(u."progress" ORDER BY u."created_at" DESC, u."id" DESC))[1], count(*)::int
    FROM "progress_updates" u
    JOIN "initiatives" i ON i."id" = u."initiative_id" AND i."department_id" = u."department_id"
   WHERE u."initiative_id" = p_initiative AND u."period" = p_period
   GROUP BY u."initiative_id", u."period";
END
$$ LANGUAGE plpgsql;

CREATE FUNCTION initiative_months_on_insert() RETURNS trigger AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM "initiatives" WHERE "id" = NEW."initiative_id" AND "department_id" = NEW."department_id") THEN
    INSERT INTO "initiative_months" ("initiative_id", "period", "first_report_at", "last_report_at", "progress", "report_count")
    VALUES (NEW."initiative_id", NEW."period", NEW."created_at", NEW."created_at", NEW."progress", 1)
    ON CONFLICT ("initiative_id", "period") DO UPDATE
       SET "first_report_at" = LEAST("initiative_months"."first_report_at", EXCLUDED."first_report_at"),
           "progress" = CASE WHEN EXCLUDED."last_report_at" >= "initiative_months"."last_report_at"
                             THEN EXCLUDED."progress" ELSE "initiative_months"."progress" END,
           "last_report_at" = GREATEST("initiative_months"."last_report_at", EXCLUDED."last_report_at"),
           "report_count" = "initiative_months"."report_count" + 1;
  END IF;
  RETURN NULL;
END
$$ LANGUAGE plpgsql;

CREATE FUNCTION initiative_months_on_delete() RETURNS trigger AS $$
BEGIN
  PERFORM initiative_months_recompute(OLD."initiative_id", OLD."period");
  RETURN NULL;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER "progress_updates_months_insert" AFTER INSERT ON "progress_updates"
  FOR EACH ROW EXECUTE FUNCTION initiative_months_on_insert();
CREATE TRIGGER "progress_updates_months_delete" AFTER DELETE ON "progress_updates"
  FOR EACH ROW EXECUTE FUNCTION initiative_months_on_delete();
