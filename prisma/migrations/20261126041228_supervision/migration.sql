-- Hand-written: trigram indexes for search in either script (pg_trgm is a trusted extension).
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- CreateEnum
CREATE TYPE "ReviewDecision" AS ENUM ('APPROVE', 'RETURN');

-- CreateEnum
CREATE TYPE "ExtensionStatus" AS ENUM ('PENDING', 'APPROVED', 'REFUSED');

-- CreateEnum
CREATE TYPE "Outcome" AS ENUM ('ACHIEVED', 'PARTLY_ACHIEVED', 'NOT_ACHIEVED', 'DROPPED');

-- AlterTable
ALTER TABLE "initiatives" ADD COLUMN     "carried_from_id" TEXT,
ADD COLUMN     "chase_count" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "closed_by_id" TEXT,
ADD COLUMN     "closing_note" TEXT,
ADD COLUMN     "original_due_date" DATE,
ADD COLUMN     "outcome" "Outcome",
ADD COLUMN     "search_text" TEXT NOT NULL DEFAULT '';

-- AlterTable
ALTER TABLE "progress_updates" ADD COLUMN     "revision_of_id" TEXT,
ADD COLUMN     "search_text" TEXT NOT NULL DEFAULT '';

-- CreateTable
CREATE TABLE "reviews" (
    "id" TEXT NOT NULL,
    "update_id" TEXT NOT NULL,
    "reviewer_id" TEXT NOT NULL,
    "decision" "ReviewDecision" NOT NULL,
    "comment" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "reviews_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "extension_requests" (
    "id" TEXT NOT NULL,
    "initiative_id" TEXT NOT NULL,
    "requester_id" TEXT NOT NULL,
    "current_due_date" DATE NOT NULL,
    "requested_due_date" DATE NOT NULL,
    "reason" TEXT NOT NULL,
    "status" "ExtensionStatus" NOT NULL DEFAULT 'PENDING',
    "decider_id" TEXT,
    "decision_comment" TEXT,
    "decided_at" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "extension_requests_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "chases" (
    "id" TEXT NOT NULL,
    "initiative_id" TEXT NOT NULL,
    "chaser_id" TEXT NOT NULL,
    "note" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "chases_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "notifications" (
    "id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "params" JSONB NOT NULL,
    "link" TEXT,
    "read_at" TIMESTAMP(3),
    "emailed_at" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "notifications_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "reviews_update_id_key" ON "reviews"("update_id");

-- CreateIndex
CREATE INDEX "reviews_reviewer_id_created_at_idx" ON "reviews"("reviewer_id", "created_at");

-- CreateIndex
CREATE INDEX "extension_requests_initiative_id_created_at_idx" ON "extension_requests"("initiative_id", "created_at");

-- CreateIndex
CREATE INDEX "extension_requests_status_created_at_idx" ON "extension_requests"("status", "created_at");

-- CreateIndex
CREATE INDEX "chases_initiative_id_created_at_idx" ON "chases"("initiative_id", "created_at");

-- CreateIndex
CREATE INDEX "notifications_user_id_read_at_created_at_idx" ON "notifications"("user_id", "read_at", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "initiatives_carried_from_id_key" ON "initiatives"("carried_from_id");

-- CreateIndex
CREATE INDEX "initiatives_search_trgm" ON "initiatives" USING GIN ("search_text" gin_trgm_ops);

-- CreateIndex
CREATE UNIQUE INDEX "progress_updates_revision_of_id_key" ON "progress_updates"("revision_of_id");

-- CreateIndex
CREATE INDEX "progress_updates_initiative_id_period_idx" ON "progress_updates"("initiative_id", "period");

-- CreateIndex
CREATE INDEX "progress_updates_search_trgm" ON "progress_updates" USING GIN ("search_text" gin_trgm_ops);

-- AddForeignKey
ALTER TABLE "initiatives" ADD CONSTRAINT "initiatives_carried_from_id_fkey" FOREIGN KEY ("carried_from_id") REFERENCES "initiatives"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "progress_updates" ADD CONSTRAINT "progress_updates_revision_of_id_fkey" FOREIGN KEY ("revision_of_id") REFERENCES "progress_updates"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "reviews" ADD CONSTRAINT "reviews_update_id_fkey" FOREIGN KEY ("update_id") REFERENCES "progress_updates"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "reviews" ADD CONSTRAINT "reviews_reviewer_id_fkey" FOREIGN KEY ("reviewer_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "extension_requests" ADD CONSTRAINT "extension_requests_initiative_id_fkey" FOREIGN KEY ("initiative_id") REFERENCES "initiatives"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "extension_requests" ADD CONSTRAINT "extension_requests_requester_id_fkey" FOREIGN KEY ("requester_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "extension_requests" ADD CONSTRAINT "extension_requests_decider_id_fkey" FOREIGN KEY ("decider_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "chases" ADD CONSTRAINT "chases_initiative_id_fkey" FOREIGN KEY ("initiative_id") REFERENCES "initiatives"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "chases" ADD CONSTRAINT "chases_chaser_id_fkey" FOREIGN KEY ("chaser_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;
