-- CreateIndex: the admin console lists an organisation's readers newest first, a page at a time.
CREATE INDEX "readers_org_id_created_at_idx" ON "readers"("org_id", "created_at");
