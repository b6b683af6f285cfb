-- CreateEnum
CREATE TYPE "SiteKind" AS ENUM ('internal', 'external');

-- AlterTable
ALTER TABLE "sites" ADD COLUMN     "kind" "SiteKind" NOT NULL DEFAULT 'internal';

-- CreateTable
CREATE TABLE "site_clients" (
    "site_id" UUID NOT NULL,
    "org_id" UUID NOT NULL,
    "client_id" TEXT NOT NULL,
    "secret_hash" BYTEA NOT NULL,
    "previous_secret_hash" BYTEA,
    "previous_secret_expires_at" TIMESTAMPTZ(3),
    "secret_rotated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "site_clients_pkey" PRIMARY KEY ("site_id")
);

-- CreateIndex
CREATE UNIQUE INDEX "site_clients_client_id_key" ON "site_clients"("client_id");

-- CreateIndex
CREATE INDEX "site_clients_org_id_idx" ON "site_clients"("org_id");

-- AddForeignKey
ALTER TABLE "site_clients" ADD CONSTRAINT "site_clients_site_id_fkey" FOREIGN KEY ("site_id") REFERENCES "sites"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "site_clients" ADD CONSTRAINT "site_clients_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;
