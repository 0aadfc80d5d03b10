-- The monthly report reads, per initiative, the latest approved (or, on request, approved or waiting)
-- report of a month or before, the month's own, and the month's count awaiting review. With only
-- (initiative_id, period) each probe sorted the initiative's ~400 reports up to the month (2.2 s for
-- the whole ministry at a million reports); these partial indexes give the newest row first (258 ms).
-- Hand-written: Prisma cannot declare a partial index.
CREATE INDEX "progress_updates_approved_latest" ON "progress_updates" ("initiative_id", "period" DESC, "created_at" DESC)
  WHERE "status" = 'APPROVED';
CREATE INDEX "progress_updates_reviewable_latest" ON "progress_updates" ("initiative_id", "period" DESC, "created_at" DESC)
  WHERE "status" IN ('APPROVED', 'SUBMITTED');
CREATE INDEX "progress_updates_waiting_by_month" ON "progress_updates" ("initiative_id", "period")
  WHERE "status" = 'SUBMITTED';
