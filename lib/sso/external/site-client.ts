// Client credentials of external sites (sites this app does not serve): registration, secret
// rotation, and the check every server-to-server call starts with. Like every other secret of
// the product, a client secret is 256 random bits, shown once, stored only as its SHA-256 and
// compared in constant time. (A slow password hash would add nothing: the secret is random,
// not chosen by a person, so it cannot be guessed from its hash.)
import { randomBytes, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { runTransaction } from "@/lib/db/transaction";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { ApiError } from "@/lib/errors";
import { clientAuthFailures } from "@/lib/observability/sso-metrics";
import { consumeRateLimit, peekRateLimit } from "@/lib/security/rate-limit";
import { CLIENT_AUTH_FAILURE_PER_IP } from "@/lib/security/rate-limits";
import { generateSecret, hashSecret } from "@/lib/security/secrets";

/** Public, printable, unique across organisations (it is the username of HTTP Basic). */
export const clientIdSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{7,127}$/, "client id: 8–128 of A–Z a–z 0–9 . _ -");

/** A registered callback on the external site's own domain: https, or http only on a loopback/.localhost host (development). */
export const externalCallbackUrlSchema = z
  .string()
  .max(2048)
  .refine((value) => {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      return false;
    }
    if (url.username || url.password || url.hash) return false;
    if (url.protocol === "https:") return true;
    const host = url.hostname;
    return url.protocol === "http:" && (host === "localhost" || host.endsWith(".localhost") || host === "127.0.0.1" || host === "[::1]");
  }, "callback must be an absolute https URL without credentials or fragment (http only on localhost)");

export function generateClientId(): string {
  return `mss_${randomBytes(18).toString("base64url")}`;
}

export type RegisteredExternalSite = { siteId: string; clientId: string; clientSecret: string };

/**
 * Registers a site of `orgId` that runs elsewhere. Returns the client secret: the only time
 * it exists outside the external site's own configuration.
 */
export async function registerExternalSite(options: {
  orgId: string;
  slug: string;
  name: string;
  callbackUrl: string;
  clientId?: string;
  /** Only the demo seed and tests pass a secret; everyone else gets a generated one. */
  clientSecret?: string;
}): Promise<RegisteredExternalSite> {
  const callbackUrl = externalCallbackUrlSchema.parse(options.callbackUrl);
  const clientId = clientIdSchema.parse(options.clientId ?? generateClientId());
  const clientSecret = options.clientSecret ?? generateSecret();
  const site = await runTransaction(async (tx) => {
    const created = await tx.site.create({
      data: { orgId: options.orgId, slug: options.slug, name: options.name, logoText: options.name.toUpperCase(), callbackUrl, kind: "external" },
      select: { id: true },
    });
    await tx.siteClient.create({ data: { siteId: created.id, orgId: options.orgId, clientId, secretHash: hashSecret(clientSecret) } });
    return created;
  });
  return { siteId: site.id, clientId, clientSecret };
}

/**
 * Gives an external site a new client secret. With `graceSeconds` > 0 the previous secret keeps
 * working that long (so the site can deploy the new one without an outage); with 0 it dies now.
 */
/** Who rotated a secret, for the audit log: a staff member (the console), or an operator at the CLI. */
export type SecretRotationActor = { staffId: string } | { cli: string };

export async function rotateClientSecret(options: {
  orgSlug: string;
  siteSlug: string;
  graceSeconds?: number;
  actor: SecretRotationActor;
}): Promise<{ clientId: string; clientSecret: string; previousSecretValidUntil: Date | null }> {
  const graceSeconds = z.int().min(0).max(7 * 86_400).parse(options.graceSeconds ?? 0);
  const site = await db.site.findFirst({
    where: { slug: options.siteSlug, org: { slug: options.orgSlug } },
    select: { id: true, orgId: true, kind: true, client: { select: { clientId: true } } },
  });
  if (!site) throw new ApiError("not_found", `No site ${options.siteSlug} in organisation ${options.orgSlug}.`);
  if (site.kind !== "external" || !site.client) throw new ApiError("conflict", `Site ${options.siteSlug} is served by this app; only external sites have client secrets.`);
  const clientSecret = generateSecret();
  // The grace period runs on the database's clock, which also judges it (authenticateClient).
  const previousSecretValidUntil = await runTransaction(async (tx) => {
    const [rotated] = await tx.$queryRaw<{ previous_secret_expires_at: Date | null }[]>`
      UPDATE site_clients
         SET secret_hash = ${Buffer.from(hashSecret(clientSecret))},
             previous_secret_hash = CASE WHEN ${graceSeconds}::int > 0 THEN secret_hash END,
             previous_secret_expires_at = CASE WHEN ${graceSeconds}::int > 0 THEN now() + make_interval(secs => ${graceSeconds}::int) END,
             secret_rotated_at = now()
       WHERE site_id = ${site.id}::uuid
      RETURNING previous_secret_expires_at`;
    if (!rotated) throw new ApiError("not_found", `No site ${options.siteSlug} in organisation ${options.orgSlug}.`);
    await recordAuditEvent(
      {
        orgId: site.orgId,
        type: "sso.client_secret_rotated",
        siteId: site.id,
        actorStaffId: "staffId" in options.actor ? options.actor.staffId : null,
        data: { graceSeconds, ...("cli" in options.actor ? { actor: `cli:${options.actor.cli}` } : {}) },
      },
      tx,
    );
    return rotated.previous_secret_expires_at;
  });
  return { clientId: site.client.clientId, clientSecret, previousSecretValidUntil };
}

export type AuthenticatedClient = { siteId: string; orgId: string; slug: string; clientId: string };

/** `Authorization: Basic base64(client_id:client_secret)` (RFC 7617; ids and secrets are URL-safe, so no percent-decoding is needed). */
export function parseBasicCredentials(header: string | null): { clientId: string; clientSecret: string } | null {
  if (!header || header.length > 1024) return null;
  const match = /^Basic ([A-Za-z0-9+/]+={0,2})$/i.exec(header.trim());
  if (!match?.[1]) return null;
  const decoded = Buffer.from(match[1], "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon <= 0) return null;
  return { clientId: decoded.slice(0, colon), clientSecret: decoded.slice(colon + 1) };
}

const DUMMY_HASH = hashSecret("not-a-client-secret");

type ClientRow = { site_id: string; org_id: string; client_id: string; secret_hash: Uint8Array; live_previous_secret_hash: Uint8Array | null; slug: string; kind: string };

function hashesEqual(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * The first step of every server-to-server call: which external site of the auth domain's
 * organisation is calling? Wrong or missing credentials → 401 `invalid_client`, counted per IP
 * (then 429) and recorded. An unknown client id costs the same comparison as a known one.
 */
export async function authenticateClient(options: { orgId: string; authorization: string | null; ip: string }): Promise<AuthenticatedClient> {
  const bucket = { key: `client-auth-fail:ip:${options.ip}`, ...CLIENT_AUTH_FAILURE_PER_IP };
  const limit = await peekRateLimit(bucket);
  if (!limit.allowed) throw new ApiError("rate_limited", `Too many failed client authentications; try again in ${limit.retryAfterSeconds} s.`);

  const credentials = parseBasicCredentials(options.authorization);
  const clientId = credentials && clientIdSchema.safeParse(credentials.clientId).success ? credentials.clientId : null;
  // The previous secret's grace period is judged on the database's clock, which set it.
  const client = clientId
    ? ((
        await db.$queryRaw<ClientRow[]>`
          SELECT c.site_id::text AS site_id, c.org_id::text AS org_id, c.client_id, c.secret_hash,
                 CASE WHEN c.previous_secret_expires_at > now() THEN c.previous_secret_hash END AS live_previous_secret_hash,
                 s.slug, s.kind::text AS kind
            FROM site_clients c JOIN sites s ON s.id = c.site_id
           WHERE c.client_id = ${clientId}`
      )[0] ?? null)
    : null;
  const presented = hashSecret(credentials?.clientSecret ?? "");
  const current = hashesEqual(presented, client?.secret_hash ?? DUMMY_HASH);
  const previous = client?.live_previous_secret_hash ? hashesEqual(presented, client.live_previous_secret_hash) : false;
  // Another organisation's client is as unknown here as a made-up one.
  if (client && (current || previous) && client.org_id === options.orgId && client.kind === "external") {
    return { siteId: client.site_id, orgId: client.org_id, slug: client.slug, clientId: client.client_id };
  }
  await consumeRateLimit(bucket);
  clientAuthFailures.inc({});
  await recordAuditEvent({
    orgId: options.orgId,
    type: "sso.client_auth_failed",
    siteId: client && client.org_id === options.orgId ? client.site_id : null,
    ip: options.ip,
    data: { knownClient: client !== null && client.org_id === options.orgId },
  });
  throw new ApiError("invalid_client", "Client authentication failed.");
}
