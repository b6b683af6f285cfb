-- AlterTable
ALTER TABLE "site_sessions" ADD COLUMN     "previous_secret_hash" BYTEA,
ADD COLUMN     "previous_secret_expires_at" TIMESTAMPTZ(3);

-- CreateIndex
CREATE INDEX "site_sessions_previous_secret_hash_idx" ON "site_sessions"("previous_secret_hash");
