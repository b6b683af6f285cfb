-- AlterTable
ALTER TABLE "site_sessions" ADD COLUMN     "previous_secret_hash" BYTEA,
ADD COLUMN     "previous_secret_expires_at" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "sso_tokens" ADD COLUMN     "merged_into_id" UUID;

-- CreateIndex
CREATE INDEX "site_sessions_previous_secret_hash_idx" ON "site_sessions"("previous_secret_hash");

-- CreateIndex
CREATE INDEX "sso_tokens_merged_into_id_idx" ON "sso_tokens"("merged_into_id");

-- AddForeignKey
ALTER TABLE "sso_tokens" ADD CONSTRAINT "sso_tokens_merged_into_id_fkey" FOREIGN KEY ("merged_into_id") REFERENCES "sso_tokens"("id") ON DELETE SET NULL ON UPDATE CASCADE;
