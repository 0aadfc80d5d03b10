-- CreateEnum
CREATE TYPE "UpdateStatus" AS ENUM ('SUBMITTED', 'APPROVED', 'RETURNED');

-- CreateEnum
CREATE TYPE "EvidenceKind" AS ENUM ('LINK', 'FILE');

-- AlterTable
ALTER TABLE "initiatives" ADD COLUMN     "closed_at" TIMESTAMP(3),
ADD COLUMN     "measured_value" DECIMAL(14,2);

-- AlterTable
ALTER TABLE "progress_updates" ADD COLUMN     "department_id" TEXT NOT NULL,
ADD COLUMN     "health_reason" TEXT,
ADD COLUMN     "health_suggested" "Health" NOT NULL,
ADD COLUMN     "idempotency_key" TEXT,
ADD COLUMN     "reviewed_at" TIMESTAMP(3),
ADD COLUMN     "status" "UpdateStatus" NOT NULL DEFAULT 'SUBMITTED',
ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "initiative_cooperations" (
    "initiative_id" TEXT NOT NULL,
    "department_id" TEXT NOT NULL,

    CONSTRAINT "initiative_cooperations_pkey" PRIMARY KEY ("initiative_id","department_id")
);

-- CreateTable
CREATE TABLE "milestones" (
    "id" TEXT NOT NULL,
    "initiative_id" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "due_date" DATE NOT NULL,
    "done_at" TIMESTAMP(3),
    "created_by_id" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "milestones_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "evidence" (
    "id" TEXT NOT NULL,
    "update_id" TEXT NOT NULL,
    "kind" "EvidenceKind" NOT NULL,
    "url" TEXT,
    "file_name" TEXT,
    "mime_type" TEXT,
    "size" INTEGER,
    "data" BYTEA,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "evidence_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "api_tokens" (
    "id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "token_hash" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_used_at" TIMESTAMP(3),
    "revoked_at" TIMESTAMP(3),

    CONSTRAINT "api_tokens_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "initiative_cooperations_department_id_idx" ON "initiative_cooperations"("department_id");

-- CreateIndex
CREATE INDEX "milestones_initiative_id_due_date_idx" ON "milestones"("initiative_id", "due_date");

-- CreateIndex
CREATE INDEX "evidence_update_id_idx" ON "evidence"("update_id");

-- CreateIndex
CREATE UNIQUE INDEX "api_tokens_token_hash_key" ON "api_tokens"("token_hash");

-- CreateIndex
CREATE INDEX "api_tokens_user_id_idx" ON "api_tokens"("user_id");

-- CreateIndex
CREATE INDEX "progress_updates_status_created_at_idx" ON "progress_updates"("status", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "progress_updates_author_id_idempotency_key_key" ON "progress_updates"("author_id", "idempotency_key");

-- AddForeignKey
ALTER TABLE "initiative_cooperations" ADD CONSTRAINT "initiative_cooperations_initiative_id_fkey" FOREIGN KEY ("initiative_id") REFERENCES "initiatives"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "initiative_cooperations" ADD CONSTRAINT "initiative_cooperations_department_id_fkey" FOREIGN KEY ("department_id") REFERENCES "departments"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "milestones" ADD CONSTRAINT "milestones_initiative_id_fkey" FOREIGN KEY ("initiative_id") REFERENCES "initiatives"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "milestones" ADD CONSTRAINT "milestones_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "progress_updates" ADD CONSTRAINT "progress_updates_department_id_fkey" FOREIGN KEY ("department_id") REFERENCES "departments"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "evidence" ADD CONSTRAINT "evidence_update_id_fkey" FOREIGN KEY ("update_id") REFERENCES "progress_updates"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Hand-written: percentages stay within 0–100 whatever writes them.
ALTER TABLE "progress_updates" ADD CONSTRAINT "progress_updates_progress_range" CHECK (progress BETWEEN 0 AND 100);
ALTER TABLE "initiatives" ADD CONSTRAINT "initiatives_progress_range" CHECK (progress BETWEEN 0 AND 100);
