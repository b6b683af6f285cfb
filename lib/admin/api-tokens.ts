// API tokens for automation (README, "API tokens"): created by an owner in the console,
// scoped to one organisation and one role, shown once. A token is `mss_pat_` + 256 random bits
// (base64url): the prefix lets secret scanners and people recognise a leaked one. Only its
// SHA-256 is stored; a request's token is looked up by that hash (never by the raw value,
// which no query ever sees) and the found hash is compared again in constant time. Expiry and
// revocation are judged on the database's clock; last use is written at most once a minute,
// so a burst of automation does not turn every read into a write.
import { timingSafeEqual } from "node:crypto";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { runTransaction } from "@/lib/db/transaction";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { ApiError } from "@/lib/errors";
import { consumeRateLimit, peekRateLimit } from "@/lib/security/rate-limit";
import { API_TOKEN_FAILURE_PER_IP } from "@/lib/security/rate-limits";
import { generateSecret, hashSecret } from "@/lib/security/secrets";
import type { StaffRole } from "./roles";
import type { StaffSession } from "./staff-sessions";

export const API_TOKEN_PREFIX = "mss_pat_";
const TOKEN_PATTERN = /^mss_pat_[A-Za-z0-9_-]{43}$/;
const DISPLAY_PREFIX_LENGTH = API_TOKEN_PREFIX.length + 4;
/** last_used_at is refreshed at most this often (as staff and reader sessions are). */
const TOUCH_INTERVAL_SECONDS = 60;
const MAX_TOKEN_DAYS = 366;

export function generateApiToken(): string {
  return `${API_TOKEN_PREFIX}${generateSecret()}`;
}

export function isWellFormedApiToken(value: string): boolean {
  return TOKEN_PATTERN.test(value);
}

export const createApiTokenBodySchema = z.strictObject({
  name: z.string().trim().min(1, "name: required").max(80),
  role: z.enum(["viewer", "admin", "owner"]),
  /** Days until it stops working; null: never (not recommended, and said so in the console). */
  expiresInDays: z.int().min(1).max(MAX_TOKEN_DAYS).nullable(),
});

export const apiTokenSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  role: z.enum(["viewer", "admin", "owner"]),
  displayPrefix: z.string(),
  createdAt: z.iso.datetime(),
  expiresAt: z.iso.datetime().nullable(),
  lastUsedAt: z.iso.datetime().nullable(),
  revokedAt: z.iso.datetime().nullable(),
  /** Judged on the database's clock when listed. */
  state: z.enum(["live", "expired", "revoked"]),
});
export const apiTokenListSchema = z.object({ tokens: z.array(apiTokenSchema) });
export const createdApiTokenSchema = z.object({ token: apiTokenSchema, secret: z.string().describe("The token itself: shown once, never again.") });
export const apiTokenParamsSchema = z.object({ orgSlug: z.string(), tokenId: z.string() });

export type ApiTokenView = z.infer<typeof apiTokenSchema>;

type TokenRow = { id: string; name: string; role: StaffRole; displayPrefix: string; createdAt: Date; expiresAt: Date | null; lastUsedAt: Date | null; revokedAt: Date | null };

function view(row: TokenRow, now: Date): ApiTokenView {
  return {
    state: row.revokedAt ? "revoked" : row.expiresAt && row.expiresAt <= now ? "expired" : "live",
    id: row.id,
    name: row.name,
    role: row.role,
    displayPrefix: row.displayPrefix,
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt?.toISOString() ?? null,
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
  };
}

const tokenSelect = { id: true, name: true, role: true, displayPrefix: true, createdAt: true, expiresAt: true, lastUsedAt: true, revokedAt: true } as const;

async function databaseNow(client: Pick<typeof db, "$queryRaw"> = db): Promise<Date> {
  const [row] = await client.$queryRaw<{ now: Date }[]>`SELECT now() AS now`;
  if (!row) throw new Error("SELECT now() returned no row");
  return row.now;
}

export async function listApiTokens(options: { orgId: string }): Promise<ApiTokenView[]> {
  const [rows, now] = await Promise.all([
    db.apiToken.findMany({ where: { orgId: options.orgId }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], select: tokenSelect, take: 200 }),
    databaseNow(),
  ]);
  return rows.map((row) => view(row, now));
}

export async function createApiToken(options: {
  orgId: string;
  actorStaffId: string;
  input: z.infer<typeof createApiTokenBodySchema>;
  ip: string;
}): Promise<{ token: ApiTokenView; secret: string }> {
  const secret = generateApiToken();
  const { name, role, expiresInDays } = options.input;
  const token = await runTransaction(async (tx) => {
    // Expiry on the database's clock, which also judges it.
    const [created] = await tx.$queryRaw<{ id: string }[]>`
      INSERT INTO api_tokens (org_id, name, role, token_hash, display_prefix, created_by_staff_id, expires_at)
      VALUES (${options.orgId}::uuid, ${name}, ${role}::"StaffRole", ${Buffer.from(hashSecret(secret))}, ${secret.slice(0, DISPLAY_PREFIX_LENGTH)},
              ${options.actorStaffId}::uuid, CASE WHEN ${expiresInDays}::int IS NULL THEN NULL ELSE now() + make_interval(days => ${expiresInDays}::int) END)
      RETURNING id::text AS id`;
    if (!created) throw new Error("INSERT … RETURNING returned no row");
    await recordAuditEvent({ orgId: options.orgId, type: "admin.api_token_created", actorStaffId: options.actorStaffId, data: { tokenId: created.id, name, role, expiresInDays }, ip: options.ip }, tx);
    return { row: await tx.apiToken.findUniqueOrThrow({ where: { id: created.id }, select: tokenSelect }), now: await databaseNow(tx) };
  });
  return { token: view(token.row, token.now), secret };
}

export async function revokeApiToken(options: { orgId: string; tokenId: string; actorStaffId: string; ip: string }): Promise<ApiTokenView> {
  const tokenId = z.uuid().safeParse(options.tokenId);
  if (!tokenId.success) throw new ApiError("not_found", "No such API token.");
  return runTransaction(async (tx) => {
    const revoked = await tx.$executeRaw`
      UPDATE api_tokens SET revoked_at = now() WHERE id = ${tokenId.data}::uuid AND org_id = ${options.orgId}::uuid AND revoked_at IS NULL`;
    const row = await tx.apiToken.findFirst({ where: { id: tokenId.data, orgId: options.orgId }, select: tokenSelect });
    if (!row) throw new ApiError("not_found", "No such API token.");
    if (revoked > 0) {
      await recordAuditEvent({ orgId: options.orgId, type: "admin.api_token_revoked", actorStaffId: options.actorStaffId, data: { tokenId: row.id, name: row.name }, ip: options.ip }, tx);
    }
    return view(row, await databaseNow(tx));
  });
}

/** The token of `Authorization: Bearer <token>`; null when the request carries no bearer credentials at all. */
export function bearerCredentials(headers: Headers): string | null {
  const header = headers.get("authorization");
  if (header === null) return null;
  const match = /^\s*Bearer(?:\s+(.*))?$/i.exec(header);
  return match ? (match[1] ?? "").trim() : null;
}

type LiveTokenRow = { id: string; name: string; role: StaffRole; token_hash: Uint8Array; org_id: string; org_slug: string; org_name: string };

export type ApiTokenSession = { apiToken: { id: string; name: string }; session: StaffSession };

/**
 * Authenticates a bearer request: the token's organisation and role as the membership of a
 * session, so the ONE authorisation rule (lib/admin/org-access.ts checkOrgRole) judges it as it
 * judges staff. Wrong, expired or revoked → 401, counted per client IP (then 429).
 */
export async function authenticateApiToken(options: { token: string; ip: string }): Promise<ApiTokenSession> {
  const bucket = { key: `api-token-fail:ip:${options.ip}`, ...API_TOKEN_FAILURE_PER_IP };
  const limit = await peekRateLimit(bucket);
  if (!limit.allowed) throw new ApiError("rate_limited", `Too many failed API token authentications; try again in ${limit.retryAfterSeconds} s.`);
  const presented = hashSecret(options.token);
  const [row] = isWellFormedApiToken(options.token)
    ? await db.$queryRaw<LiveTokenRow[]>`
        WITH live AS (
          SELECT id, name, role, token_hash, org_id, last_used_at FROM api_tokens
           WHERE token_hash = ${Buffer.from(presented)} AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > now())
        ), touched AS (
          UPDATE api_tokens t SET last_used_at = now()
            FROM live WHERE t.id = live.id AND (live.last_used_at IS NULL OR live.last_used_at < now() - make_interval(secs => ${TOUCH_INTERVAL_SECONDS}::int))
          RETURNING t.id
        )
        SELECT live.id::text AS id, live.name, live.role, live.token_hash, o.id::text AS org_id, o.slug AS org_slug, o.name AS org_name
          FROM live JOIN organizations o ON o.id = live.org_id`
    : [];
  // The index found the row by its hash; compare again in constant time so the decision never rests on a non-constant-time path.
  if (row && row.token_hash.length === presented.length && timingSafeEqual(row.token_hash, presented)) {
    return {
      apiToken: { id: row.id, name: row.name },
      session: {
        // A token is not a staff member: its id stands in the identity's place, and the audit
        // log records it as the token (lib/audit/audit-actor.ts), never as a staff member.
        sessionId: `api-token:${row.id}`,
        staff: { id: row.id, email: "", name: `API token “${row.name}”` },
        memberships: [{ orgId: row.org_id, slug: row.org_slug, name: row.org_name, role: row.role }],
        // The organisation's two-factor rule is about people signing in; a token has no second
        // factor to give. What keeps a leaked token from weakening that rule or adding people:
        // the routes that manage staff and credentials are `staffOnly` (app/_lib/org-route.ts).
        secondFactor: null,
      },
    };
  }
  await consumeRateLimit(bucket);
  throw new ApiError("unauthorized", "The API token is not valid (unknown, expired or revoked).");
}
