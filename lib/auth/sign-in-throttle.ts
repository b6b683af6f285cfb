// Brute-force protection of password sign-ins, for readers and staff alike (design §7):
//
//   - A failure slot is RESERVED before the password is checked (one atomic increment per
//     bucket) and given back when the password turns out right, so a burst of parallel guesses
//     cannot outrun the limit: at most `limit` of them ever reach argon2.
//   - The lockout is per account AND address: someone else's guessing refuses only their own
//     address, never the owner's sign-in from elsewhere.
//   - Per address, across accounts: credential stuffing from one address is refused.
//   - Per account, across addresses (a botnet): past the budget, an address or device that has
//     never signed in to this account is refused; one that has (a "known source": the device's
//     long-lived cookie, or the address) is slowed down, never refused.
//
// NOTE: the known-device cookie is per host (host-only, like every cookie of this product), so
// a browser is "known" on the sites — or the console — where it signed in before.
import { createHash } from "node:crypto";
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client.ts";
import { consumeRateLimit, releaseRateLimit, resetRateLimit } from "@/lib/security/rate-limit";
import {
  SIGNIN_FAILURE_PER_ACCOUNT,
  SIGNIN_FAILURE_PER_ACCOUNT_AND_IP,
  SIGNIN_FAILURE_PER_IP,
  SIGNIN_SLOWDOWN_MAX_MS,
  SIGNIN_SLOWDOWN_STEP_MS,
  SIGNIN_SOURCE_MEMORY_SECONDS,
} from "@/lib/security/rate-limits";
import { generateSecret, isWellFormedSecret } from "@/lib/security/secrets";
import { rateLimitSubject } from "@/lib/http/ip-address";
import { emailDigest } from "./email-digest";

export type SignInRealm = "reader" | "staff";

/** What a refusal or a lockout applies to: this address for this account, this address for every account, or the account. */
export type ThrottleScope = "account_address" | "address" | "account";

export type SignInAttempt = {
  realm: SignInRealm;
  /** Identifies the account (an organisation and email for readers), hashed into the keys. */
  account: string;
  /** The account's row id when the email exists; null for an unknown email (it can never be a known source). */
  subjectId: string | null;
  ip: string;
  /** The browser's known-device cookie, if it sent one. */
  deviceSecret: string | null;
};

export type SignInReservation =
  | { allowed: false; scope: ThrottleScope; retryAfterSeconds: number }
  | {
      allowed: true;
      /** How long to wait before checking the password (a known source past the account budget). */
      delayMs: number;
      /** Lockouts this attempt's failure would start, so the caller records them only when it does fail. */
      settle: (outcome: "success" | "failure") => Promise<SettledAttempt>;
    };

export type SettledAttempt = {
  /** Lockouts that began with this failure (empty on success). */
  lockouts: ThrottleScope[];
  /** A new known-device secret to set as a cookie (success from a browser without one). */
  newDeviceSecret: string | null;
};

/** The account part of the keys: the email's digest (personal data, any length), within its organisation for readers. */
export function emailAccount(email: string, orgId?: string): string {
  return orgId === undefined ? emailDigest(email) : `${orgId}:${emailDigest(email)}`;
}

// Keys that name an address end in `:ip:<address>`, so the bucket keys an IPv6 client by its /64
// (lib/security/rate-limit.ts bucketKey).
function keysOf(attempt: SignInAttempt) {
  const prefix = attempt.realm === "reader" ? "signin-fail" : "staff-signin-fail";
  return {
    address: { key: `${prefix}:ip:${attempt.ip}`, ...SIGNIN_FAILURE_PER_IP },
    accountAddress: { key: `${prefix}:account:${attempt.account}:ip:${attempt.ip}`, ...SIGNIN_FAILURE_PER_ACCOUNT_AND_IP },
    account: { key: `${prefix}:account:${attempt.account}`, ...SIGNIN_FAILURE_PER_ACCOUNT },
  };
}

function subjectOf(attempt: SignInAttempt): string | null {
  return attempt.subjectId ? `${attempt.realm}:${attempt.subjectId}` : null;
}

function sourceHashes(attempt: SignInAttempt): Uint8Array<ArrayBuffer>[] {
  const sources = [`ip:${rateLimitSubject(attempt.ip)}`];
  if (isWellFormedSecret(attempt.deviceSecret)) sources.push(`device:${attempt.deviceSecret}`);
  return sources.map((source) => new Uint8Array(createHash("sha256").update(source, "utf8").digest()));
}

async function isKnownSource(attempt: SignInAttempt): Promise<boolean> {
  const subject = subjectOf(attempt);
  if (!subject) return false;
  // Judged on the database's clock, which set expires_at.
  const [row] = await db.$queryRaw<{ known: boolean }[]>`
    SELECT EXISTS (
      SELECT 1 FROM sign_in_sources
       WHERE subject = ${subject} AND source_hash IN (${Prisma.join(sourceHashes(attempt))}) AND expires_at > now()) AS known`;
  return row?.known === true;
}

async function rememberSources(attempt: SignInAttempt): Promise<string | null> {
  const subject = subjectOf(attempt);
  if (!subject) return null;
  const newDeviceSecret = isWellFormedSecret(attempt.deviceSecret) ? null : generateSecret();
  const remembered = { ...attempt, deviceSecret: attempt.deviceSecret ?? newDeviceSecret };
  // The database's clock, like every stored time.
  for (const sourceHash of sourceHashes(remembered)) {
    await db.$executeRaw`
      INSERT INTO sign_in_sources (subject, source_hash, last_success_at, expires_at)
      VALUES (${subject}, ${sourceHash}, now(), now() + make_interval(secs => ${SIGNIN_SOURCE_MEMORY_SECONDS}::int))
      ON CONFLICT (subject, source_hash) DO UPDATE SET last_success_at = now(), expires_at = EXCLUDED.expires_at`;
  }
  return newDeviceSecret;
}

/**
 * Takes this attempt's failure slots before the password is checked. Refused attempts give
 * their slots back (they check nothing); allowed ones keep them until `settle`.
 */
export async function reserveSignInAttempt(attempt: SignInAttempt): Promise<SignInReservation> {
  const keys = keysOf(attempt);
  const [address, accountAddress, account] = await Promise.all([
    consumeRateLimit(keys.address),
    consumeRateLimit(keys.accountAddress),
    consumeRateLimit(keys.account),
  ]);
  const giveBack = () => Promise.all([releaseRateLimit(keys.address), releaseRateLimit(keys.accountAddress), releaseRateLimit(keys.account)]);

  const refusal: { scope: ThrottleScope; retryAfterSeconds: number } | null = !accountAddress.allowed
    ? { scope: "account_address", retryAfterSeconds: accountAddress.retryAfterSeconds }
    : !address.allowed
      ? { scope: "address", retryAfterSeconds: address.retryAfterSeconds }
      : null;
  if (refusal) {
    await giveBack();
    return { allowed: false, ...refusal };
  }

  let delayMs = 0;
  if (!account.allowed) {
    if (!(await isKnownSource(attempt))) {
      await giveBack();
      return { allowed: false, scope: "account", retryAfterSeconds: account.retryAfterSeconds };
    }
    // The wait grows with how far past the budget the account is (Keycloak's lockout grows too).
    const beyond = account.count - SIGNIN_FAILURE_PER_ACCOUNT.limit;
    delayMs = Math.min(SIGNIN_SLOWDOWN_MAX_MS, SIGNIN_SLOWDOWN_STEP_MS * beyond);
  }

  return {
    allowed: true,
    delayMs,
    settle: async (outcome) => {
      if (outcome === "success") {
        // The reserved slots were not failures. This address's lockout for this account is
        // forgiven; the account's and the address's other counts stand (an attack elsewhere goes on).
        await Promise.all([releaseRateLimit(keys.address), releaseRateLimit(keys.account), resetRateLimit(keys.accountAddress.key)]);
        return { lockouts: [], newDeviceSecret: await rememberSources(attempt) };
      }
      // A lockout begins with the failure that used the last slot (remaining 0 after it).
      const lockouts: ThrottleScope[] = [];
      if (accountAddress.remaining === 0) lockouts.push("account_address");
      if (address.remaining === 0) lockouts.push("address");
      if (account.allowed && account.remaining === 0) lockouts.push("account");
      return { lockouts, newDeviceSecret: null };
    },
  };
}
