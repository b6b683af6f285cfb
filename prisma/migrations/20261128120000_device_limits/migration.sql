-- Concurrent-device limits (README, "Concurrent-device limits"): at most device_limit signed-in
-- devices per reader (null: no limit), and what a sign-in beyond it does.
-- CreateEnum
CREATE TYPE "DeviceLimitPolicy" AS ENUM ('deny_new', 'evict_oldest');

-- AlterTable
ALTER TABLE "organizations" ADD COLUMN     "device_limit" INTEGER,
ADD COLUMN     "device_limit_policy" "DeviceLimitPolicy" NOT NULL DEFAULT 'evict_oldest';

-- AlterTable: why a session was revoked, when the browser must be told on its next request
-- (only 'device_limit' for now); null for every other revocation.
ALTER TABLE "site_sessions" ADD COLUMN     "revoke_reason" TEXT;
