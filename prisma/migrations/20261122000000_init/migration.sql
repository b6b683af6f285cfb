-- CreateEnum
CREATE TYPE "SsoMode" AS ENUM ('auto_login', 'opt_in', 'disabled');

-- CreateEnum
CREATE TYPE "AuthMethod" AS ENUM ('password', 'register', 'sso_auto', 'sso_opt_in');

-- CreateEnum
CREATE TYPE "StaffRole" AS ENUM ('owner', 'admin', 'viewer');

-- CreateTable
CREATE TABLE "organizations" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "auth_host" TEXT NOT NULL,
    "sso_mode" "SsoMode" NOT NULL DEFAULT 'disabled',
    "ott_ttl_seconds" INTEGER NOT NULL DEFAULT 60,
    "session_idle_seconds" INTEGER NOT NULL DEFAULT 1209600,
    "session_absolute_seconds" INTEGER NOT NULL DEFAULT 7776000,
    "sso_token_idle_seconds" INTEGER NOT NULL DEFAULT 2592000,
    "sso_token_absolute_seconds" INTEGER NOT NULL DEFAULT 31536000,
    "prompt_reveal_email" BOOLEAN NOT NULL DEFAULT true,
    "prompt_reveal_name" BOOLEAN NOT NULL DEFAULT false,
    "prompt_reveal_site" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "organizations_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sites" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "org_id" UUID NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "theme_color" TEXT NOT NULL DEFAULT '#1f4e8c',
    "logo_text" TEXT NOT NULL,
    "callback_url" TEXT NOT NULL,
    "sso_enabled" BOOLEAN NOT NULL DEFAULT true,
    "sso_mode_override" "SsoMode",
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "sites_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "site_hostnames" (
    "hostname" TEXT NOT NULL,
    "site_id" UUID NOT NULL,
    "is_primary" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "site_hostnames_pkey" PRIMARY KEY ("hostname")
);

-- CreateTable
CREATE TABLE "readers" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "org_id" UUID NOT NULL,
    "email" TEXT NOT NULL,
    "display_name" TEXT,
    "password_hash" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "readers_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sso_tokens" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "org_id" UUID NOT NULL,
    "secret_hash" BYTEA NOT NULL,
    "reader_id" UUID,
    "meta" JSONB NOT NULL DEFAULT '{}',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_seen_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "revoked_at" TIMESTAMPTZ(3),

    CONSTRAINT "sso_tokens_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "site_sessions" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "org_id" UUID NOT NULL,
    "site_id" UUID NOT NULL,
    "secret_hash" BYTEA NOT NULL,
    "sso_token_id" UUID,
    "reader_id" UUID,
    "auth_method" "AuthMethod",
    "signed_in_at" TIMESTAMPTZ(3),
    "user_agent" TEXT,
    "handshake_started_at" TIMESTAMPTZ(3),
    "handshake_failed_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_seen_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "revoked_at" TIMESTAMPTZ(3),

    CONSTRAINT "site_sessions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "one_time_tokens" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "org_id" UUID NOT NULL,
    "site_id" UUID NOT NULL,
    "sso_token_id" UUID NOT NULL,
    "token_hash" BYTEA NOT NULL,
    "state_hash" BYTEA NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "used_at" TIMESTAMPTZ(3),
    "redeemed_session_id" UUID,

    CONSTRAINT "one_time_tokens_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "staff" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "password_hash" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "staff_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "staff_memberships" (
    "staff_id" UUID NOT NULL,
    "org_id" UUID NOT NULL,
    "role" "StaffRole" NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "staff_memberships_pkey" PRIMARY KEY ("staff_id","org_id")
);

-- CreateTable
CREATE TABLE "audit_events" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "org_id" UUID,
    "type" TEXT NOT NULL,
    "actor_staff_id" UUID,
    "reader_id" UUID,
    "site_id" UUID,
    "data" JSONB NOT NULL DEFAULT '{}',
    "ip" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "audit_events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "rate_limit_buckets" (
    "key" TEXT NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,
    "window_start" TIMESTAMPTZ(3) NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "rate_limit_buckets_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE UNIQUE INDEX "organizations_slug_key" ON "organizations"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "organizations_auth_host_key" ON "organizations"("auth_host");

-- CreateIndex
CREATE UNIQUE INDEX "sites_org_id_slug_key" ON "sites"("org_id", "slug");

-- CreateIndex
CREATE INDEX "site_hostnames_site_id_idx" ON "site_hostnames"("site_id");

-- CreateIndex
CREATE UNIQUE INDEX "readers_org_id_email_key" ON "readers"("org_id", "email");

-- CreateIndex
CREATE UNIQUE INDEX "sso_tokens_secret_hash_key" ON "sso_tokens"("secret_hash");

-- CreateIndex
CREATE INDEX "sso_tokens_reader_id_idx" ON "sso_tokens"("reader_id");

-- CreateIndex
CREATE INDEX "sso_tokens_expires_at_idx" ON "sso_tokens"("expires_at");

-- CreateIndex
CREATE INDEX "sso_tokens_revoked_at_idx" ON "sso_tokens"("revoked_at");

-- CreateIndex
CREATE INDEX "sso_tokens_org_id_last_seen_at_idx" ON "sso_tokens"("org_id", "last_seen_at");

-- CreateIndex
CREATE UNIQUE INDEX "site_sessions_secret_hash_key" ON "site_sessions"("secret_hash");

-- CreateIndex
CREATE INDEX "site_sessions_sso_token_id_idx" ON "site_sessions"("sso_token_id");

-- CreateIndex
CREATE INDEX "site_sessions_reader_id_idx" ON "site_sessions"("reader_id");

-- CreateIndex
CREATE INDEX "site_sessions_site_id_idx" ON "site_sessions"("site_id");

-- CreateIndex
CREATE INDEX "site_sessions_expires_at_idx" ON "site_sessions"("expires_at");

-- CreateIndex
CREATE INDEX "site_sessions_revoked_at_idx" ON "site_sessions"("revoked_at");

-- CreateIndex
CREATE INDEX "site_sessions_org_id_last_seen_at_idx" ON "site_sessions"("org_id", "last_seen_at");

-- CreateIndex
CREATE UNIQUE INDEX "one_time_tokens_token_hash_key" ON "one_time_tokens"("token_hash");

-- CreateIndex
CREATE INDEX "one_time_tokens_expires_at_idx" ON "one_time_tokens"("expires_at");

-- CreateIndex
CREATE INDEX "one_time_tokens_site_id_created_at_idx" ON "one_time_tokens"("site_id", "created_at");

-- CreateIndex
CREATE INDEX "one_time_tokens_sso_token_id_idx" ON "one_time_tokens"("sso_token_id");

-- CreateIndex
CREATE UNIQUE INDEX "staff_email_key" ON "staff"("email");

-- CreateIndex
CREATE INDEX "staff_memberships_org_id_idx" ON "staff_memberships"("org_id");

-- CreateIndex
CREATE INDEX "audit_events_org_id_created_at_idx" ON "audit_events"("org_id", "created_at");

-- CreateIndex
CREATE INDEX "audit_events_type_created_at_idx" ON "audit_events"("type", "created_at");

-- CreateIndex
CREATE INDEX "rate_limit_buckets_expires_at_idx" ON "rate_limit_buckets"("expires_at");

-- AddForeignKey
ALTER TABLE "sites" ADD CONSTRAINT "sites_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "site_hostnames" ADD CONSTRAINT "site_hostnames_site_id_fkey" FOREIGN KEY ("site_id") REFERENCES "sites"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "readers" ADD CONSTRAINT "readers_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "sso_tokens" ADD CONSTRAINT "sso_tokens_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "sso_tokens" ADD CONSTRAINT "sso_tokens_reader_id_fkey" FOREIGN KEY ("reader_id") REFERENCES "readers"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "site_sessions" ADD CONSTRAINT "site_sessions_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "site_sessions" ADD CONSTRAINT "site_sessions_site_id_fkey" FOREIGN KEY ("site_id") REFERENCES "sites"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "site_sessions" ADD CONSTRAINT "site_sessions_sso_token_id_fkey" FOREIGN KEY ("sso_token_id") REFERENCES "sso_tokens"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "site_sessions" ADD CONSTRAINT "site_sessions_reader_id_fkey" FOREIGN KEY ("reader_id") REFERENCES "readers"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "one_time_tokens" ADD CONSTRAINT "one_time_tokens_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "one_time_tokens" ADD CONSTRAINT "one_time_tokens_site_id_fkey" FOREIGN KEY ("site_id") REFERENCES "sites"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "one_time_tokens" ADD CONSTRAINT "one_time_tokens_sso_token_id_fkey" FOREIGN KEY ("sso_token_id") REFERENCES "sso_tokens"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "staff_memberships" ADD CONSTRAINT "staff_memberships_staff_id_fkey" FOREIGN KEY ("staff_id") REFERENCES "staff"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "staff_memberships" ADD CONSTRAINT "staff_memberships_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "audit_events" ADD CONSTRAINT "audit_events_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;
