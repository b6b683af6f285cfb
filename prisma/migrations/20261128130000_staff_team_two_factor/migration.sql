-- Staff by invitation, staff password reset by mail, and two-factor sign-in (TOTP) for staff
-- (issue 19). Times are the database's clock; secrets are stored hashed (links, recovery codes)
-- or sealed (the TOTP secret, which must be readable to check a code: lib/security/seal.ts).

-- Which staff of an organisation must sign in with a second factor.
CREATE TYPE "StaffTwoFactorPolicy" AS ENUM ('off', 'owners', 'everyone');
ALTER TABLE "organizations" ADD COLUMN "staff_two_factor" "StaffTwoFactorPolicy" NOT NULL DEFAULT 'off';

-- The authenticator app of a staff member: the secret in force (sealed), one being set up
-- (sealed, until a code from it is confirmed), and the last time step used (a code is
-- refused once its step, or an earlier one, has been used).
ALTER TABLE "staff" ADD COLUMN "totp_secret_sealed" BYTEA,
                    ADD COLUMN "totp_pending_sealed" BYTEA,
                    ADD COLUMN "totp_enabled_at" TIMESTAMPTZ(3),
                    ADD COLUMN "totp_last_step" BIGINT;

-- When this session passed the second factor (null: password only).
ALTER TABLE "staff_sessions" ADD COLUMN "second_factor_at" TIMESTAMPTZ(3);

CREATE TABLE "staff_recovery_codes" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "staff_id" UUID NOT NULL,
    "code_hash" BYTEA NOT NULL,
    "used_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT now(),
    CONSTRAINT "staff_recovery_codes_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "staff_recovery_codes_code_hash_key" ON "staff_recovery_codes"("code_hash");
CREATE INDEX "staff_recovery_codes_staff_id_idx" ON "staff_recovery_codes"("staff_id");
ALTER TABLE "staff_recovery_codes" ADD CONSTRAINT "staff_recovery_codes_staff_id_fkey" FOREIGN KEY ("staff_id") REFERENCES "staff"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "staff_invitations" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "org_id" UUID NOT NULL,
    "email" TEXT NOT NULL,
    "role" "StaffRole" NOT NULL,
    "token_hash" BYTEA NOT NULL,
    "invited_by" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT now(),
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "accepted_at" TIMESTAMPTZ(3),
    "withdrawn_at" TIMESTAMPTZ(3),
    CONSTRAINT "staff_invitations_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "staff_invitations_token_hash_key" ON "staff_invitations"("token_hash");
CREATE INDEX "staff_invitations_org_id_idx" ON "staff_invitations"("org_id");
ALTER TABLE "staff_invitations" ADD CONSTRAINT "staff_invitations_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "staff_invitations" ADD CONSTRAINT "staff_invitations_invited_by_fkey" FOREIGN KEY ("invited_by") REFERENCES "staff"("id") ON DELETE SET NULL ON UPDATE CASCADE;

CREATE TABLE "staff_password_resets" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "staff_id" UUID NOT NULL,
    "token_hash" BYTEA NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT now(),
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "used_at" TIMESTAMPTZ(3),
    CONSTRAINT "staff_password_resets_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "staff_password_resets_token_hash_key" ON "staff_password_resets"("token_hash");
CREATE INDEX "staff_password_resets_staff_id_idx" ON "staff_password_resets"("staff_id");
ALTER TABLE "staff_password_resets" ADD CONSTRAINT "staff_password_resets_staff_id_fkey" FOREIGN KEY ("staff_id") REFERENCES "staff"("id") ON DELETE CASCADE ON UPDATE CASCADE;
