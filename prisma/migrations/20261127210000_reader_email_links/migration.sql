-- AlterEnum (the new values are not used in this migration's transaction)
ALTER TYPE "AuthMethod" ADD VALUE 'email_link';
ALTER TYPE "AuthMethod" ADD VALUE 'password_reset';

-- CreateEnum
CREATE TYPE "EmailVerificationPolicy" AS ENUM ('required', 'optional');

-- CreateEnum
CREATE TYPE "EmailLinkPurpose" AS ENUM ('verify_email', 'reset_password', 'sign_in', 'change_email');

-- AlterTable: existing organisations keep letting their readers in (optional), and their
-- existing readers start unverified (nobody proved those addresses).
ALTER TABLE "organizations" ADD COLUMN     "email_verification" "EmailVerificationPolicy" NOT NULL DEFAULT 'optional',
ADD COLUMN     "email_link_sign_in" BOOLEAN NOT NULL DEFAULT true;

-- AlterTable
ALTER TABLE "readers" ADD COLUMN     "email_verified_at" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "reader_email_links" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "org_id" UUID NOT NULL,
    "reader_id" UUID NOT NULL,
    "site_id" UUID,
    "purpose" "EmailLinkPurpose" NOT NULL,
    "token_hash" BYTEA NOT NULL,
    "email" TEXT NOT NULL,
    "code_hash" BYTEA,
    "code_attempts" INTEGER NOT NULL DEFAULT 0,
    "return_path" TEXT NOT NULL DEFAULT '/',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "used_at" TIMESTAMPTZ(3),
    "voided_at" TIMESTAMPTZ(3),

    CONSTRAINT "reader_email_links_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "reader_email_links_token_hash_key" ON "reader_email_links"("token_hash");

-- CreateIndex
CREATE INDEX "reader_email_links_reader_id_purpose_idx" ON "reader_email_links"("reader_id", "purpose");

-- CreateIndex
CREATE INDEX "reader_email_links_expires_at_idx" ON "reader_email_links"("expires_at");

-- AddForeignKey
ALTER TABLE "reader_email_links" ADD CONSTRAINT "reader_email_links_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "reader_email_links" ADD CONSTRAINT "reader_email_links_reader_id_fkey" FOREIGN KEY ("reader_id") REFERENCES "readers"("id") ON DELETE CASCADE ON UPDATE CASCADE;
