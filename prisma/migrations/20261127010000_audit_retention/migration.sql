-- AlterTable
ALTER TABLE "organizations" ADD COLUMN     "audit_retention_days" INTEGER NOT NULL DEFAULT 365;
