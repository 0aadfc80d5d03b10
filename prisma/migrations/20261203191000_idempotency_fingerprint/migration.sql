-- Idempotency keys bound to what they were first used for: the caller (the unique index on
-- author_id, idempotency_key), the route, the target and a hash of the canonical body. A key sent
-- again with another target or body is refused (422) instead of answered with this update.
-- Updates filed before this migration have none: their key is bound to their initiative only.
-- AlterTable
ALTER TABLE "progress_updates" ADD COLUMN     "idempotency_fingerprint" TEXT;
