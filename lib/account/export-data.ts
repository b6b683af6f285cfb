// "Export my data" (README, "Data rights"): everything the product keeps about one reader, as
// one JSON document — the profile, every site session (live or not, with its state by
// lib/sso/live-rows.ts), every SSO token (browser) with its meta, the Opt In consents, and the
// audit events about the reader. The reader asks for it on the account page; staff (owner/admin)
// on the console's reader page. Never secrets: no hashes of secrets, no password hash.
import { z } from "zod";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { runTransaction } from "@/lib/db/transaction";
import { ApiError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client.ts";
import { describeUserAgent } from "./list-reader-sessions";
import { siteSessionState, ssoTokenState } from "@/lib/sso/live-rows";

/** The most audit events an export carries (newest first); the retention purge keeps the table bounded anyway. */
const MAX_AUDIT_EVENTS = 5000;

const when = z.string().meta({ description: "ISO 8601 time (UTC)." });

export const readerExportSchema = z.object({
  format: z.literal("multisite-sso.reader-export.v1"),
  generatedAt: when,
  organization: z.object({ slug: z.string(), name: z.string() }),
  profile: z.object({ id: z.string(), email: z.string(), displayName: z.string().nullable(), emailVerifiedAt: when.nullable(), createdAt: when }),
  sessions: z.array(
    z.object({
      id: z.string(),
      site: z.string(),
      device: z.string().meta({ description: "A coarse label from the browser's user agent." }),
      userAgent: z.string().nullable(),
      authMethod: z.string().nullable(),
      ssoTokenId: z.string().nullable(),
      createdAt: when,
      signedInAt: when.nullable(),
      lastSeenAt: when,
      expiresAt: when,
      endedAt: when.nullable().meta({ description: "When it was signed out before its time (a revocation), or null." }),
      state: z.string(),
    }),
  ),
  ssoTokens: z.array(z.object({ id: z.string(), createdAt: when, lastSeenAt: when, expiresAt: when, endedAt: when.nullable().meta({ description: "When it was signed out before its time (a revocation), or null." }), state: z.string(), meta: z.unknown() })),
  consents: z.array(z.object({ site: z.string(), since: when }).meta({ description: "Sites where the reader chose Continue (Opt In) and is still signed in that way." })),
  auditEvents: z.array(z.object({ type: z.string(), at: when, site: z.string().nullable(), ip: z.string().nullable(), data: z.unknown() })),
});
export type ReaderExport = z.infer<typeof readerExportSchema>;

const iso = (value: Date) => value.toISOString();
const isoOrNull = (value: Date | null) => (value ? value.toISOString() : null);

const SESSION_STATE = Prisma.raw(siteSessionState("ss", "o"));
const TOKEN_STATE = Prisma.raw(ssoTokenState("t", "o"));

/**
 * The export of `readerId` in `orgId` (404 when the reader is not of that organisation: another
 * organisation's reader id is no reader here). Audited as reader.data_exported, by the reader or
 * by the staff member named.
 */
export async function exportReaderData(options: { orgId: string; readerId: string; actorStaffId?: string | null; siteId?: string | null; ip?: string | null }): Promise<ReaderExport> {
  // Not an id at all: no reader either (the query would fail on the cast).
  if (!z.uuid().safeParse(options.readerId).success) throw new ApiError("not_found", "No such reader in this organisation.");
  return runTransaction(async (tx) => {
    const reader = await tx.reader.findFirst({
      where: { id: options.readerId, orgId: options.orgId },
      select: { id: true, email: true, displayName: true, emailVerifiedAt: true, createdAt: true, org: { select: { slug: true, name: true } } },
    });
    if (!reader) throw new ApiError("not_found", "No such reader in this organisation.");
    const [clock] = await tx.$queryRaw<{ now: Date }[]>`SELECT now() AS now`;
    const sessions = await tx.$queryRaw<
      { id: string; site: string; user_agent: string | null; auth_method: string | null; sso_token_id: string | null; created_at: Date; signed_in_at: Date | null; last_seen_at: Date; expires_at: Date; revoked_at: Date | null; state: string }[]
    >`SELECT ss.id::text AS id, s.name AS site, ss.user_agent, ss.auth_method::text AS auth_method, ss.sso_token_id::text AS sso_token_id,
             ss.created_at, ss.signed_in_at, ss.last_seen_at, ss.expires_at, ss.revoked_at, ${SESSION_STATE} AS state
        FROM site_sessions ss JOIN sites s ON s.id = ss.site_id JOIN organizations o ON o.id = ss.org_id
       WHERE ss.org_id = ${options.orgId}::uuid AND ss.reader_id = ${options.readerId}::uuid
       ORDER BY ss.created_at DESC`;
    // The browsers this reader is (or was, by a session of theirs) signed in on.
    const tokens = await tx.$queryRaw<{ id: string; created_at: Date; last_seen_at: Date; expires_at: Date; revoked_at: Date | null; state: string; meta: unknown }[]>`
      SELECT t.id::text AS id, t.created_at, t.last_seen_at, t.expires_at, t.revoked_at, ${TOKEN_STATE} AS state, t.meta
        FROM sso_tokens t JOIN organizations o ON o.id = t.org_id
       WHERE t.org_id = ${options.orgId}::uuid
         AND (t.reader_id = ${options.readerId}::uuid
              OR t.id IN (SELECT ss.sso_token_id FROM site_sessions ss WHERE ss.reader_id = ${options.readerId}::uuid AND ss.sso_token_id IS NOT NULL))
       ORDER BY t.created_at DESC`;
    const events = await tx.$queryRaw<{ type: string; created_at: Date; site: string | null; ip: string | null; data: unknown }[]>`
      SELECT a.type, a.created_at, s.name AS site, a.ip, a.data
        FROM audit_events a LEFT JOIN sites s ON s.id = a.site_id
       WHERE a.org_id = ${options.orgId}::uuid AND a.reader_id = ${options.readerId}::uuid
       ORDER BY a.created_at DESC
       LIMIT ${MAX_AUDIT_EVENTS}`;
    const consents = new Map<string, Date>();
    for (const s of sessions) {
      if (s.auth_method === "sso_opt_in" && s.state === "live" && !consents.has(s.site)) consents.set(s.site, s.signed_in_at ?? s.created_at);
    }
    await recordAuditEvent(
      { orgId: options.orgId, type: "reader.data_exported", readerId: reader.id, actorStaffId: options.actorStaffId ?? null, siteId: options.siteId ?? null, ip: options.ip ?? null, data: { by: options.actorStaffId ? "staff" : "reader" } },
      tx,
    );
    return {
      format: "multisite-sso.reader-export.v1",
      generatedAt: iso(clock?.now ?? reader.createdAt),
      organization: { slug: reader.org.slug, name: reader.org.name },
      profile: { id: reader.id, email: reader.email, displayName: reader.displayName, emailVerifiedAt: isoOrNull(reader.emailVerifiedAt), createdAt: iso(reader.createdAt) },
      sessions: sessions.map((s) => ({
        id: s.id,
        site: s.site,
        device: describeUserAgent(s.user_agent),
        userAgent: s.user_agent,
        authMethod: s.auth_method,
        ssoTokenId: s.sso_token_id,
        createdAt: iso(s.created_at),
        signedInAt: isoOrNull(s.signed_in_at),
        lastSeenAt: iso(s.last_seen_at),
        expiresAt: iso(s.expires_at),
        endedAt: isoOrNull(s.revoked_at),
        state: s.state,
      })),
      ssoTokens: tokens.map((t) => ({ id: t.id, createdAt: iso(t.created_at), lastSeenAt: iso(t.last_seen_at), expiresAt: iso(t.expires_at), endedAt: isoOrNull(t.revoked_at), state: t.state, meta: t.meta })),
      consents: [...consents].map(([site, since]) => ({ site, since: iso(since) })),
      auditEvents: events.map((e) => ({ type: e.type, at: iso(e.created_at), site: e.site, ip: e.ip, data: e.data })),
    };
  });
}

/** The download's answer: a JSON attachment, never cached. */
export function exportResponse(data: ReaderExport): Response {
  const day = data.generatedAt.slice(0, 10);
  return new Response(JSON.stringify(data, null, 2), {
    status: 200,
    headers: {
      "content-type": "application/json; charset=utf-8",
      "content-disposition": `attachment; filename="my-data-${data.organization.slug}-${day}.json"`,
      "cache-control": "no-store",
    },
  });
}
