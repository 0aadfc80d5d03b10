-- CreateIndex
CREATE INDEX "notifications_emailed_at_created_at_idx" ON "notifications"("emailed_at", "created_at");
