-- CreateTable
CREATE TABLE "review_backlog" (
    "initiative_id" TEXT NOT NULL,
    "department_id" TEXT NOT NULL,
    "submitted" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "review_backlog_pkey" PRIMARY KEY ("initiative_id","department_id")
);

-- AddForeignKey
ALTER TABLE "review_backlog" ADD CONSTRAINT "review_backlog_initiative_id_fkey" FOREIGN KEY ("initiative_id") REFERENCES "initiatives"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Backfill from the reports already stored.
INSERT INTO "review_backlog" ("initiative_id", "department_id", "submitted")
SELECT "initiative_id", "department_id", count(*)::int
  FROM "progress_updates"
 WHERE "status" = 'SUBMITTED'
 GROUP BY "initiative_id", "department_id";

-- Kept by the database in the transaction of every change, so no writer can forget it.
CREATE FUNCTION review_backlog_on_change() RETURNS trigger AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') AND OLD."status" = 'SUBMITTED' THEN
    UPDATE "review_backlog" SET "submitted" = "submitted" - 1
     WHERE "initiative_id" = OLD."initiative_id" AND "department_id" = OLD."department_id";
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') AND NEW."status" = 'SUBMITTED' THEN
    INSERT INTO "review_backlog" ("initiative_id", "department_id", "submitted")
    VALUES (NEW."initiative_id", NEW."department_id", 1)
    ON CONFLICT ("initiative_id", "department_id") DO UPDATE SET "submitted" = "review_backlog"."submitted" + 1;
  END IF;
  RETURN NULL;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER "progress_updates_review_backlog" AFTER INSERT OR DELETE OR UPDATE OF "status", "initiative_id", "department_id" ON "progress_updates"
  FOR EACH ROW EXECUTE FUNCTION review_backlog_on_change();
