// Registration of a reader in one organisation. Email addresses are unique per organisation
// (case-insensitively: they are stored normalised).
import { z } from "zod";
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client.ts";
import { consumeRateLimit } from "@/lib/security/rate-limit";
import { REGISTRATION_PER_IP, REGISTRATION_PER_ORG } from "@/lib/security/rate-limits";
import { hashPassword } from "./password";
import { checkPasswordStrength } from "./password-policy";
import { emailSchema } from "./field-messages";
import { displayNameSchema } from "@/lib/account/display-name";
import { FIELD_LIMITS } from "@/lib/account/field-limits";

// Every message names its field and is shown to the reader as it is (lib/auth/field-messages.ts).
export const registrationSchema = z.object({
  email: emailSchema,
  password: z.string({ error: "Enter a password." }).max(FIELD_LIMITS.password.max, `Your password can be at most ${FIELD_LIMITS.newPassword.max} characters long.`),
  name: displayNameSchema.optional().transform((name) => (name ? name : null)),
});

export type RegisterResult =
  | { ok: true; reader: { id: string; email: string; displayName: string | null } }
  | { ok: false; reason: "email_taken" | "weak_password" | "invalid"; message: string }
  | { ok: false; reason: "throttled"; retryAfterSeconds: number };

/**
 * Counted before the argon2 hash, per address and per organisation: a registration flood can
 * neither take the CPU that sign-ins need nor create accounts without bound.
 */
async function reserveRegistration(orgId: string, ip: string): Promise<{ allowed: true } | { allowed: false; retryAfterSeconds: number }> {
  const byIp = await consumeRateLimit({ key: `register:ip:${ip}`, ...REGISTRATION_PER_IP });
  if (!byIp.allowed) return { allowed: false, retryAfterSeconds: byIp.retryAfterSeconds };
  const byOrg = await consumeRateLimit({ key: `register:org:${orgId}`, ...REGISTRATION_PER_ORG });
  if (!byOrg.allowed) return { allowed: false, retryAfterSeconds: byOrg.retryAfterSeconds };
  return { allowed: true };
}

export async function registerReader(options: { orgId: string; input: unknown; ip: string }): Promise<RegisterResult> {
  const parsed = registrationSchema.safeParse(options.input);
  if (!parsed.success) return { ok: false, reason: "invalid", message: parsed.error.issues[0]?.message ?? "Check the form and try again." };
  const { email, password, name } = parsed.data;
  const weakness = checkPasswordStrength(password, { email });
  if (weakness) return { ok: false, reason: "weak_password", message: weakness };
  const reservation = await reserveRegistration(options.orgId, options.ip);
  if (!reservation.allowed) return { ok: false, reason: "throttled", retryAfterSeconds: reservation.retryAfterSeconds };
  try {
    const reader = await db.reader.create({
      data: { orgId: options.orgId, email, displayName: name, passwordHash: await hashPassword(password) },
      select: { id: true, email: true, displayName: true },
    });
    return { ok: true, reader };
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      return { ok: false, reason: "email_taken", message: "An account with this email already exists. Sign in instead." };
    }
    throw error;
  }
}
