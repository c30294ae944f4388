-- CreateIndex
CREATE INDEX "analytics_events_user_id_name_created_at_idx" ON "analytics_events"("user_id", "name", "created_at");

-- CreateIndex
CREATE INDEX "creator_blocks_user_id_created_at_idx" ON "creator_blocks"("user_id", "created_at");

-- CreateIndex
CREATE INDEX "video_watches_user_id_watched_on_idx" ON "video_watches"("user_id", "watched_on");
