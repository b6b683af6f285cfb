-- AlterTable
ALTER TABLE "sso_tokens" ADD COLUMN     "previous_secret_expires_at" TIMESTAMPTZ(3),
ADD COLUMN     "previous_secret_hash" BYTEA,
ADD COLUMN     "rotate_secret" BOOLEAN NOT NULL DEFAULT false;

-- CreateIndex
CREATE INDEX "sso_tokens_previous_secret_hash_idx" ON "sso_tokens"("previous_secret_hash");
