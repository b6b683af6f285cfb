// Registration of a reader in one organisation. Email addresses are unique per organisation
// (case-insensitively: they are stored normalised).
import { z } from "zod";
import { runTransaction } from "@/lib/db/transaction";
import { Prisma } from "@/lib/generated/prisma/client.ts";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { consumeRateLimit } from "@/lib/security/rate-limit";
import { REGISTRATION_PER_IP, REGISTRATION_PER_ORG } from "@/lib/security/rate-limits";
import { spendAddressMailBudget } from "@/lib/account/account-mail-throttle";
import { readerMessages } from "@/lib/mail/messages";
import { sendVerificationMail } from "@/lib/account/email-verification";
import { loadMailSite, sendReaderMail, siteLink } from "@/lib/account/reader-mail";
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

/**
 * `signed_in`: a new account under the `optional` verification policy, signed in at once.
 * `check_email`: everything else that succeeded — a new account under `required`, AND an
 * address that already has an account (its owner is mailed instead), so that under `required`
 * the answer never tells whether an address is registered. Under `optional` it cannot be the
 * same: a new account is signed in and a taken address is not (README, "Reader accounts").
 */
export type RegisterResult =
  | { ok: true; outcome: "signed_in"; reader: { id: string; email: string; displayName: string | null } }
  | { ok: true; outcome: "check_email" }
  | { ok: false; reason: "weak_password" | "invalid"; message: string }
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

export async function registerReader(options: { orgId: string; siteId: string; input: unknown; ip: string; returnPath?: string }): Promise<RegisterResult> {
  const parsed = registrationSchema.safeParse(options.input);
  if (!parsed.success) return { ok: false, reason: "invalid", message: parsed.error.issues[0]?.message ?? "Check the form and try again." };
  const { email, password, name } = parsed.data;
  const weakness = checkPasswordStrength(password, { email });
  if (weakness) return { ok: false, reason: "weak_password", message: weakness };
  const reservation = await reserveRegistration(options.orgId, options.ip);
  if (!reservation.allowed) return { ok: false, reason: "throttled", retryAfterSeconds: reservation.retryAfterSeconds };
  // Hashed whether or not the address is taken: both answers cost the same time.
  const passwordHash = await hashPassword(password);
  try {
    return await runTransaction(async (tx) => {
      const [site, org] = await Promise.all([
        loadMailSite(tx, options.siteId),
        tx.organization.findUniqueOrThrow({ where: { id: options.orgId }, select: { emailVerification: true } }),
      ]);
      if (!site || site.orgId !== options.orgId) throw new Error("registration on a site of another organisation");
      const reader = await tx.reader.create({
        data: { orgId: options.orgId, email, displayName: name, passwordHash },
        select: { id: true, orgId: true, email: true, displayName: true },
      });
      await recordAuditEvent({ orgId: options.orgId, type: "reader.registered", readerId: reader.id, siteId: site.id, ip: options.ip }, tx);
      // The mail commits with the account: a registration never waits for SMTP, and never loses its link.
      await sendVerificationMail(tx, { site, reader, returnPath: options.returnPath });
      if (org.emailVerification === "required") return { ok: true, outcome: "check_email" } as const;
      return { ok: true, outcome: "signed_in", reader: { id: reader.id, email: reader.email, displayName: reader.displayName } } as const;
    });
  } catch (error) {
    if (!(error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002")) throw error;
  }
  await mailExistingAccount({ orgId: options.orgId, siteId: options.siteId, email, ip: options.ip });
  return { ok: true, outcome: "check_email" };
}

/**
 * The address already has an account: its owner (not the registrant) is told, with a way to
 * reset the password — within the per-address mail budget, past which nothing is written and
 * the registrant's answer is the same.
 */
async function mailExistingAccount(options: { orgId: string; siteId: string; email: string; ip: string }): Promise<void> {
  if (!(await spendAddressMailBudget(options.orgId, options.email)).allowed) return;
  await runTransaction(async (tx) => {
    const [site, reader] = await Promise.all([
      loadMailSite(tx, options.siteId),
      tx.reader.findUnique({ where: { orgId_email: { orgId: options.orgId, email: options.email } }, select: { id: true } }),
    ]);
    if (!site || !reader) return;
    const content = readerMessages.alreadyRegistered(site, siteLink(site, "/forgot-password"), siteLink(site, "/signin"));
    await sendReaderMail(tx, { site, to: options.email, kind: "reader.already_registered", content });
    await recordAuditEvent({ orgId: options.orgId, type: "reader.registration_existing", readerId: reader.id, siteId: site.id, ip: options.ip }, tx);
  });
}
