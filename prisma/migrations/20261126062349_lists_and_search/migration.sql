-- DropIndex
DROP INDEX "initiatives_search_trgm";

-- DropIndex
DROP INDEX "progress_updates_period_idx";

-- DropIndex
DROP INDEX "progress_updates_search_trgm";

-- CreateIndex
CREATE INDEX "progress_updates_created_at_id_idx" ON "progress_updates"("created_at", "id");

-- CreateIndex
CREATE INDEX "progress_updates_department_id_created_at_idx" ON "progress_updates"("department_id", "created_at");

-- CreateIndex
CREATE INDEX "progress_updates_period_created_at_idx" ON "progress_updates"("period", "created_at");

-- CreateIndex
CREATE INDEX "progress_updates_progress_created_at_idx" ON "progress_updates"("progress", "created_at");

-- Hand-written: search in either script, two-character words included.
-- search_text holds the text in Simplified characters, lower-cased (operations/search-text.ts). A
-- trigram index answers LIKE '%…%' only for patterns of three characters or more, and most Chinese
-- words have two (质量, 制造). So the index is on the text with every character doubled
-- ('质量管理' → '质质量量管管理理'), and a search for 质量 asks for LIKE '%质质量量%' on the same
-- expression: four characters, three trigrams. A doubled pattern occurs in the doubled text exactly
-- when the pattern occurs in the text, so nothing is found that should not be (and the LIKE's
-- recheck is exact). The query side is packages/core/src/operations/search-text.ts (searchPairsLike);
-- the expression there must stay identical to this one for the index to be used.
CREATE INDEX "initiatives_search_pairs" ON "initiatives"
  USING GIN ((regexp_replace("search_text", '(.)', '\1\1', 'g')) gin_trgm_ops);
CREATE INDEX "progress_updates_search_pairs" ON "progress_updates"
  USING GIN ((regexp_replace("search_text", '(.)', '\1\1', 'g')) gin_trgm_ops);
