-- The monthly roll-up follows every change that affects it, not only inserts and deletes: a report
-- moved to another initiative, department or month, or its progress or time corrected, and an
-- initiative whose lead department changes (the lead's reports are the ones that count).
-- Taken under a lock that lets reads go on but holds writes of reports, then both roll-ups are
-- rebuilt, so a report written while an earlier migration backfilled is counted too.
LOCK TABLE "progress_updates" IN SHARE ROW EXCLUSIVE MODE;

CREATE FUNCTION initiative_months_on_update() RETURNS trigger AS $$
BEGIN
  PERFORM initiative_months_recompute(OLD."initiative_id", OLD."period");
  IF NEW."initiative_id" IS DISTINCT FROM OLD."initiative_id" OR NEW."period" IS DISTINCT FROM OLD."period" THEN
    PERFORM initiative_months_recompute(NEW."initiative_id", NEW."period");
  END IF;
  RETURN NULL;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER "progress_updates_months_update"
  AFTER UPDATE OF "initiative_id", "department_id", "period", "progress", "created_at" ON "progress_updates"
  FOR EACH ROW EXECUTE FUNCTION initiative_months_on_update();

CREATE FUNCTION initiative_months_on_lead_change() RETURNS trigger AS $$
BEGIN
  DELETE FROM "initiative_months" WHERE "initiative_id" = NEW."id";
  INSERT INTO "initiative_months" ("initiative_id", "period", "first_report_at", "last_report_at", "progress", "report_count")
  SELECT u."initiative_id", u."period", min(u."created_at"), max(u."created_at"),
         (array_agg(u."progress" ORDER BY u."created_at" DESC, u."id" DESC))[1], count(*)::int
    FROM "progress_updates" u
   WHERE u."initiative_id" = NEW."id" AND u."department_id" = NEW."department_id"
   GROUP BY u."initiative_id", u."period";
  RETURN NULL;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER "initiatives_months_lead_change"
  AFTER UPDATE OF "department_id" ON "initiatives"
  FOR EACH ROW WHEN (OLD."department_id" IS DISTINCT FROM NEW."department_id")
  EXECUTE FUNCTION initiative_months_on_lead_change();

DELETE FROM "initiative_months";
INSERT INTO "initiative_months" ("initiative_id", "period", "first_report_at", "last_report_at", "progress", "report_count")
SELECT u."initiative_id", u."period", min(u."created_at"), max(u."created_at"),
       (array_agg(u."progress" ORDER BY u."created_at" DESC, u."id" DESC))[1], count(*)::int
  FROM "progress_updates" u
  JOIN "initiatives" i ON i."id" = u."initiative_id" AND i."department_id" = u."department_id"
 GROUP BY u."initiative_id", u."period";

DELETE FROM "review_backlog";
INSERT INTO "review_backlog" ("initiative_id", "department_id", "submitted")
SELECT "initiative_id", "department_id", count(*)::int
  FROM "progress_updates"
 WHERE "status" = 'SUBMITTED'
 GROUP BY "initiative_id", "department_id";
