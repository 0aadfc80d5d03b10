-- Chases were audited with object type 'initiative' where every other event on an initiative says
-- 'Initiative', so the audit page's object filter missed them. The writers now take a typed union.
UPDATE "audit_events" SET "object_type" = 'Initiative' WHERE "object_type" = 'initiative';
