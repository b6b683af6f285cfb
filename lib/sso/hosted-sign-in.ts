// Hosted sign-in (issue 17): an organisation may host its sites' sign-in, registration and
// "forgot password" pages, and Opt In's "Continue", on its auth domain, branded for the site the
// reader came from. Browsers' bounce-tracking protections delete the data of a domain that is
// only ever reached through redirects; a reader who signs in on the auth domain's own page has
// interacted with it as a first party, which exempts it (docs/privacy-protections.md).
//
// The flow is a handshake with a purpose:
//   1. the site (GET /sso/hosted) makes a handshake state — nonce + return path, in its own
//      state cookie, the return path made safe by the ONE return-path rule (handshake-state.ts)
//      — and sends the browser to <auth>/signin?site=<slug>&state=<nonce>&view=<page>;
//   2. the auth domain renders its page for that site (only a site of ITS organisation);
//   3. on a correct password (or registration, or "Continue"), it authenticates this browser's
//      SSO token, mints an OTT that also carries the sign-in, and redirects to the site's
//      REGISTERED callback — never to a URL from the query or the form;
//   4. the callback redeems the OTT as for any handshake (state cookie = login CSRF defence)
//      and, because the OTT carries a sign-in, signs the site session in (a new secret).
// The return path never leaves the site, so the auth domain has no return URL to validate.
import { z } from "zod";
import { preparedStatement, queryPrepared } from "@/lib/db/prepared";
import type { AuthMethod, SsoMode } from "@/lib/generated/prisma/enums.ts";
import { ApiError } from "@/lib/errors";
import { generateSecret, hashSecret, isWellFormedSecret } from "@/lib/security/secrets";
import { isLiveSiteSession } from "./live-rows";
import { getEffectiveMode } from "./modes";
import { maskEmail } from "./sso-status";
import { authenticateSsoToken, createSsoToken, rotateSsoTokenSecret, touchLiveSsoToken } from "./sso-tokens";
import { handshakeQuerySchema } from "./mint-one-time-token";
import type { SiteBranding } from "@/lib/sites/get-site-branding";

/**
 * A hosted sign-in's state cookie on the site lives longer than a plain handshake's (5 min):
 * the reader types a password, or goes to find it, on the auth domain's page in between.
 */
export const HOSTED_STATE_COOKIE_MAX_AGE_SECONDS = 30 * 60;

/** The auth domain's pages; each is one `view` of GET /signin. */
export const hostedViews = ["signin", "register", "forgot-password", "continue", "sign-in-link"] as const;
export type HostedView = (typeof hostedViews)[number];

/** GET /signin on the auth domain: the handshake's own query (site slug + state nonce), plus which page. */
export const hostedPageQuerySchema = handshakeQuerySchema.extend({
  view: z.enum(hostedViews).optional().meta({ description: "Which page: signin (default), register, forgot-password, continue (Opt In) or sign-in-link (a sign-in link by mail)." }),
});

/** GET /sso/hosted on a site: which page of the auth domain, and where to come back to (made safe by the return-path rule). */
export const hostedStartQuerySchema = z.object({
  view: z.enum(hostedViews).optional(),
  return: z.string().max(4096).optional(),
});

/** The form every hosted page posts (POST /api/hosted-sign-in on the auth domain). */
export const hostedFormSchema = z.strictObject({
  action: z.enum(["signin", "register", "forgot-password", "continue", "sign-in-link"]),
  site: handshakeQuerySchema.shape.site,
  state: handshakeQuerySchema.shape.state,
  csrf: z.string().max(64),
  email: z.string().max(320).optional(),
  password: z.string().max(1024).optional(),
  name: z.string().max(200).optional(),
});
export type HostedForm = z.infer<typeof hostedFormSchema>;

/** A site as its hosted pages need it: its look (the site pages' own SiteBranding) and what the flow needs. */
export type HostedSite = SiteBranding & {
  callbackUrl: string;
  mode: SsoMode;
  hostedSignIn: boolean;
  ottTtlSeconds: number;
  tokenAbsoluteSeconds: number;
  emailLinkSignIn: boolean;
};

/**
 * Hosted sign-in applies where the site is in SSO: under Disabled (or a site out of SSO) the
 * auth domain is never visited, so there is nothing for a browser to delete and the site keeps
 * its own pages.
 */
export function isHostedSignInOn(site: { hostedSignIn: boolean; mode: SsoMode }): boolean {
  return site.hostedSignIn && site.mode !== "disabled";
}

type HostedSiteRow = {
  id: string;
  org_id: string;
  slug: string;
  name: string;
  theme_color: string;
  logo_text: string;
  org_name: string;
  callback_url: string;
  kind: string;
  sso_enabled: boolean;
  mode_override: SsoMode | null;
  org_mode: SsoMode;
  hosted_sign_in: boolean;
  ott_ttl_seconds: number;
  token_absolute_seconds: number;
  email_link_sign_in: boolean;
};

// Scoped to this auth domain's organisation (as the handshake's own lookup): a site id of
// another organisation in the URL is simply not found. Sites of this app only: an external
// site's readers sign in on the external site (its kit), so its slug is not found here either.
const FIND_HOSTED_SITE = preparedStatement(
  "hosted_sign_in_site",
  `SELECT s.id::text AS id, o.id::text AS org_id, s.slug, s.name, s.theme_color, s.logo_text, o.name AS org_name,
          s.callback_url, s.kind::text AS kind, s.sso_enabled, s.sso_mode_override AS mode_override, o.sso_mode AS org_mode,
          o.hosted_sign_in, o.ott_ttl_seconds, o.sso_token_absolute_seconds AS token_absolute_seconds, o.email_link_sign_in
     FROM sites s JOIN organizations o ON o.id = s.org_id
    WHERE s.org_id = $1::uuid AND s.slug = $2 AND s.kind = 'internal'`,
);

export async function findHostedSite(options: { orgId: string; siteSlug: string }): Promise<HostedSite> {
  const row = (await queryPrepared<HostedSiteRow>(FIND_HOSTED_SITE, [options.orgId, options.siteSlug]))[0];
  if (!row) throw new ApiError("unknown_site", "This site does not use this sign-on domain.");
  return {
    id: row.id,
    orgId: row.org_id,
    slug: row.slug,
    name: row.name,
    themeColor: row.theme_color,
    logoText: row.logo_text,
    orgName: row.org_name,
    callbackUrl: row.callback_url,
    mode: getEffectiveMode({ orgMode: row.org_mode, siteSsoEnabled: row.sso_enabled, siteModeOverride: row.mode_override }),
    hostedSignIn: row.hosted_sign_in,
    ottTtlSeconds: row.ott_ttl_seconds,
    tokenAbsoluteSeconds: row.token_absolute_seconds,
    emailLinkSignIn: row.email_link_sign_in,
  };
}

/** Where the site sends the browser for a hosted page. */
export function buildHostedPageUrl(options: { authOrigin: string; siteSlug: string; state: string; view: HostedView }): string {
  const url = new URL("/signin", options.authOrigin);
  url.searchParams.set("site", options.siteSlug);
  url.searchParams.set("state", options.state);
  if (options.view !== "signin") url.searchParams.set("view", options.view);
  return url.toString();
}

/** The site's own page for a view: where hosted sign-in is off, and the "sign in on the site instead" link. */
export function sitePagePath(view: HostedView, returnPath: string): string {
  const page = view === "register" || view === "forgot-password" ? `/${view}` : "/signin";
  return `${page}?here=1&return=${encodeURIComponent(returnPath)}`;
}

/** "Back to <site>": the home page of the site's REGISTERED origin (the auth domain never holds the return path). */
export function siteHomeUrl(site: Pick<HostedSite, "callbackUrl">): string {
  return new URL("/", site.callbackUrl).toString();
}

type TokenReaderRow = { reader_id: string; email: string; display_name: string | null };

// The reader this browser's token is signed in as — only while a live signed-in site session of
// that reader is linked to it (the design's "authenticated"): a token signed out everywhere
// offers no "Continue".
const FIND_TOKEN_READER = preparedStatement(
  "hosted_token_reader",
  `SELECT r.id::text AS reader_id, r.email, r.display_name
     FROM sso_tokens t
     JOIN organizations o ON o.id = t.org_id
     JOIN readers r ON r.id = t.reader_id
    WHERE t.id = $1::uuid
      AND EXISTS (SELECT 1 FROM site_sessions x WHERE x.sso_token_id = t.id AND x.reader_id = t.reader_id AND ${isLiveSiteSession("x", "o")})`,
);

/** Whom "Continue" would sign in as (the token's reader, masked for the page), or null. */
export async function findContinueReader(options: { orgId: string; tokenSecret: string | null }): Promise<{ tokenId: string; readerId: string; maskedEmail: string; displayName: string | null } | null> {
  if (!isWellFormedSecret(options.tokenSecret)) return null;
  const live = await touchLiveSsoToken({ secret: options.tokenSecret, orgId: options.orgId });
  if (!live) return null;
  const row = (await queryPrepared<TokenReaderRow>(FIND_TOKEN_READER, [live.id]))[0];
  return row ? { tokenId: live.id, readerId: row.reader_id, maskedEmail: maskEmail(row.email), displayName: row.display_name } : null;
}

const INSERT_SIGN_IN_OTT = preparedStatement(
  "insert_sign_in_ott",
  `INSERT INTO one_time_tokens (org_id, site_id, sso_token_id, token_hash, state_hash, expires_at, sign_in_method)
   VALUES ($1::uuid, $2::uuid, $3::uuid, $4, $5, now() + make_interval(secs => $6::int), $7::"AuthMethod")`,
);

export type HostedSignInMethod = Extract<AuthMethod, "password" | "register" | "sso_opt_in">;

/**
 * The reader proved who they are on the auth domain: this browser's SSO token (found, or made)
 * now speaks for them, its secret is replaced (a gain of privilege: a token secret planted
 * before the sign-in is worthless after it), and an OTT that also carries the sign-in goes to
 * the site's registered callback with the site's own state.
 */
export async function completeHostedSignIn(options: {
  site: HostedSite;
  state: string;
  readerId: string;
  method: HostedSignInMethod;
  tokenSecret: string | null;
}): Promise<{ redirectTo: string; newTokenSecret: string; tokenMaxAgeSeconds: number }> {
  const { site } = options;
  const live = isWellFormedSecret(options.tokenSecret) ? await touchLiveSsoToken({ secret: options.tokenSecret, orgId: site.orgId }) : null;
  let tokenId: string;
  let newTokenSecret: string;
  if (live && options.tokenSecret) {
    tokenId = live.id;
    await authenticateSsoToken({ tokenId, readerId: options.readerId });
    newTokenSecret = (await rotateSsoTokenSecret({ tokenId, currentSecret: options.tokenSecret })) ?? options.tokenSecret;
  } else {
    const created = await createSsoToken(site.orgId);
    tokenId = created.id;
    newTokenSecret = created.secret;
    await authenticateSsoToken({ tokenId, readerId: options.readerId });
  }
  const ott = generateSecret();
  await queryPrepared(INSERT_SIGN_IN_OTT, [site.orgId, site.id, tokenId, hashSecret(ott), hashSecret(options.state), site.ottTtlSeconds, options.method]);
  const redirect = new URL(site.callbackUrl);
  redirect.searchParams.set("ott", ott);
  redirect.searchParams.set("state", options.state);
  return { redirectTo: redirect.toString(), newTokenSecret, tokenMaxAgeSeconds: site.tokenAbsoluteSeconds };
}

const ORG_HOSTS_SIGN_IN = preparedStatement("org_hosts_sign_in", `SELECT hosted_sign_in FROM organizations WHERE id = $1::uuid`);

/**
 * For a site's pages: do this site's Sign in, Register, Forgot password and Continue lead to the
 * auth domain? (The site's mode comes with the page's viewer; the organisation's choice is read
 * here, on the pages that offer a sign-in, so a change is in force on the next request.)
 */
export async function isHostedSignInOnFor(site: { orgId: string; mode: SsoMode }): Promise<boolean> {
  if (site.mode === "disabled") return false;
  const row = (await queryPrepared<{ hosted_sign_in: boolean }>(ORG_HOSTS_SIGN_IN, [site.orgId]))[0];
  return isHostedSignInOn({ hostedSignIn: row?.hosted_sign_in ?? false, mode: site.mode });
}

/** The site-relative start of a hosted page (GET /sso/hosted on the site). */
export function hostedStartPath(view: HostedView, returnPath: string): string {
  return `/sso/hosted?view=${view}&return=${encodeURIComponent(returnPath)}`;
}
