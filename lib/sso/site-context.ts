// Everything one site request needs to decide about SSO, in ONE database round trip:
// the site and its organisation's settings, this browser's site session (if its secret is
// live), the SSO token it is linked to, whether that token is authenticated anywhere, and
// who the reader is. A secret an Auto Login rotated away moments ago still finds its session
// (site-sessions.ts: other tabs' requests were on their way with it). The same statement refreshes the session's last-seen time (at most once
// a minute), so the idle lifetime slides without a second round trip. It is a named prepared
// statement (lib/db/prepared.ts): planned once per connection, not on every request.
import { preparedStatement, queryPrepared } from "@/lib/db/prepared";
import type { AuthMethod, SsoMode } from "@/lib/generated/prisma/enums.ts";
import { getEffectiveMode } from "./modes";

/** last_seen_at is refreshed at most this often; the idle lifetime is counted in days. */
const TOUCH_INTERVAL_SECONDS = 60;

export type SiteContext = {
  site: {
    id: string;
    slug: string;
    name: string;
    orgId: string;
    authHost: string;
    mode: SsoMode;
    sessionIdleSeconds: number;
    sessionAbsoluteSeconds: number;
    promptReveal: { email: boolean; name: boolean; site: boolean };
    /** What the site's pages need to render its look, so rendering needs no query of its own. */
    branding: { themeColor: string; logoText: string; orgName: string };
  };
  session: {
    id: string;
    readerId: string | null;
    authMethod: AuthMethod | null;
    ssoTokenId: string | null;
    handshakeStartedAt: Date | null;
    handshakeFailedAt: Date | null;
  } | null;
  /** The linked SSO token, when it is live (not revoked, not expired). */
  token: {
    id: string;
    readerId: string | null;
    /** It has a reader and at least one live signed-in site session as that reader. */
    isAuthenticated: boolean;
    /** The site where it is signed in most recently (for the Opt In hint). */
    authenticatedSiteName: string | null;
    meta: unknown;
  } | null;
  /** The session's reader when signed in, else the token's reader (for the Opt In hint). */
  reader: { id: string; email: string; displayName: string | null; emailVerified: boolean } | null;
};

type Row = {
  site_id: string;
  site_slug: string;
  site_name: string;
  theme_color: string;
  logo_text: string;
  org_name: string;
  org_id: string;
  auth_host: string;
  org_mode: SsoMode;
  sso_enabled: boolean;
  mode_override: SsoMode | null;
  idle_seconds: number;
  absolute_seconds: number;
  reveal_email: boolean;
  reveal_name: boolean;
  reveal_site: boolean;
  session_id: string | null;
  session_reader_id: string | null;
  auth_method: AuthMethod | null;
  sso_token_id: string | null;
  handshake_started_at: Date | null;
  handshake_failed_at: Date | null;
  token_id: string | null;
  token_reader_id: string | null;
  token_meta: unknown;
  auth_site_name: string | null;
  reader_id: string | null;
  reader_email: string | null;
  reader_display_name: string | null;
  reader_email_verified: boolean | null;
};

const SITE_CONTEXT = preparedStatement(
  "site_context",
  `
  WITH touched AS (
    UPDATE site_sessions ss SET last_seen_at = now()
      FROM organizations o
     WHERE ss.secret_hash = $1 AND ss.site_id = $2::uuid AND o.id = ss.org_id
       AND ss.revoked_at IS NULL AND ss.expires_at > now()
       AND ss.last_seen_at > now() - make_interval(secs => o.session_idle_seconds)
       AND ss.last_seen_at < now() - make_interval(secs => $3)
    RETURNING ss.id
  )
  SELECT s.id::text AS site_id, s.slug AS site_slug, s.name AS site_name, o.id::text AS org_id,
         s.theme_color, s.logo_text, o.name AS org_name,
         o.auth_host, o.sso_mode AS org_mode, s.sso_enabled, s.sso_mode_override AS mode_override,
         o.session_idle_seconds AS idle_seconds, o.session_absolute_seconds AS absolute_seconds,
         o.prompt_reveal_email AS reveal_email, o.prompt_reveal_name AS reveal_name, o.prompt_reveal_site AS reveal_site,
         ss.id::text AS session_id, ss.reader_id::text AS session_reader_id, ss.auth_method,
         ss.sso_token_id::text AS sso_token_id, ss.handshake_started_at, ss.handshake_failed_at,
         t.id::text AS token_id, t.reader_id::text AS token_reader_id, t.meta AS token_meta,
         auth_site.name AS auth_site_name,
         r.id::text AS reader_id, r.email AS reader_email, r.display_name AS reader_display_name,
         r.email_verified_at IS NOT NULL AS reader_email_verified
    FROM sites s
    JOIN organizations o ON o.id = s.org_id
    LEFT JOIN site_sessions ss
           ON (ss.secret_hash = $1 OR (ss.previous_secret_hash = $1 AND ss.previous_secret_expires_at > now()))
          AND ss.site_id = s.id
          AND ss.revoked_at IS NULL AND ss.expires_at > now()
          AND ss.last_seen_at > now() - make_interval(secs => o.session_idle_seconds)
    LEFT JOIN sso_tokens t
           ON t.id = ss.sso_token_id AND t.org_id = o.id AND t.revoked_at IS NULL AND t.expires_at > now()
    LEFT JOIN LATERAL (
           SELECT xs.name
             FROM site_sessions x JOIN sites xs ON xs.id = x.site_id
            WHERE x.sso_token_id = t.id AND x.reader_id = t.reader_id
              AND x.revoked_at IS NULL AND x.expires_at > now()
              AND x.last_seen_at > now() - make_interval(secs => o.session_idle_seconds)
            ORDER BY x.signed_in_at DESC NULLS LAST
            LIMIT 1) auth_site ON true
    LEFT JOIN readers r ON r.id = COALESCE(ss.reader_id, t.reader_id)
   WHERE s.id = $2::uuid`,
);

export async function loadSiteContext(options: { siteId: string; sessionHash: Uint8Array | null }): Promise<SiteContext | null> {
  // A missing cookie still needs the site's settings; an impossible hash matches no session.
  const sessionHash = options.sessionHash ?? new Uint8Array(0);
  const rows = await queryPrepared<Row>(SITE_CONTEXT, [sessionHash, options.siteId, TOUCH_INTERVAL_SECONDS]);
  const row = rows[0];
  if (!row) return null;
  const mode = getEffectiveMode({ orgMode: row.org_mode, siteSsoEnabled: row.sso_enabled, siteModeOverride: row.mode_override });
  // A site out of SSO (Disabled, or its kill switch off) behaves as unlinked, from the very next
  // request on every instance: no token, no meta, no hint of a sign-on elsewhere — an external
  // partner switched off after a breach learns nothing more. The link rows stay (README).
  const linked = mode !== "disabled";
  return {
    site: {
      id: row.site_id,
      slug: row.site_slug,
      name: row.site_name,
      orgId: row.org_id,
      authHost: row.auth_host,
      mode,
      sessionIdleSeconds: row.idle_seconds,
      sessionAbsoluteSeconds: row.absolute_seconds,
      promptReveal: { email: row.reveal_email, name: row.reveal_name, site: row.reveal_site },
      branding: { themeColor: row.theme_color, logoText: row.logo_text, orgName: row.org_name },
    },
    session: row.session_id
      ? {
          id: row.session_id,
          readerId: row.session_reader_id,
          authMethod: row.auth_method,
          ssoTokenId: linked ? row.sso_token_id : null,
          handshakeStartedAt: row.handshake_started_at,
          handshakeFailedAt: row.handshake_failed_at,
        }
      : null,
    token: row.token_id && linked
      ? {
          id: row.token_id,
          readerId: row.token_reader_id,
          isAuthenticated: row.token_reader_id !== null && row.auth_site_name !== null,
          authenticatedSiteName: row.auth_site_name,
          meta: row.token_meta,
        }
      : null,
    // Unlinked, only the session's own reader is known (never the token's, which is another site's sign-in).
    reader: row.reader_id && row.reader_email && (linked || row.session_reader_id !== null)
      ? { id: row.reader_id, email: row.reader_email, displayName: row.reader_display_name, emailVerified: row.reader_email_verified === true }
      : null,
  };
}
