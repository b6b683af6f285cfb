// The admin console's JSON API (/api/orgs/<slug>/…) for the fuzz test: organisations whose
// readers have live sessions and SSO tokens (so the revocation endpoints have real ids to name),
// staff of every role signed in for real (next-auth's Credentials sign-in on the admin host),
// arbitraries for the API's requests — paths, path segments, methods and bodies — and a
// one-query fingerprint of everything a client without the right must not be able to change.
import fc from "fast-check";
import { db } from "@/lib/db/client";
import type { StaffRole } from "@/lib/generated/prisma/enums.ts";
import { TestBrowser } from "../../http/browser";
import { ADMIN_HOST, createTestStaff, signedInStaff } from "../../http/admin-support";
import { createTestOrg, type TestOrg } from "../../http/factory";
import { browserSignedInOn } from "../../http/scenarios";
import { cookieHeader, jsonBody, nastyString, secretShaped } from "./arbitraries";

export { ADMIN_HOST };
export const STAFF_COOKIE = "__Host-mss_admin_session";
const STAFF_COOKIE_NAMES = [STAFF_COOKIE, "mss_admin_session", "__Host-next-auth.csrf-token", "__Host-mss_session", "next-auth.session-token"];

export type SsoSettingsBody = {
  mode: string;
  ottTtlSeconds: number;
  sessionIdleSeconds: number;
  sessionAbsoluteSeconds: number;
  promptReveal: { email: boolean; name: boolean; site: boolean };
  auditRetentionDays: number;
  emailVerification: string;
  emailLinkSignIn: boolean;
  mailFrom: string;
  hostedSignIn: boolean;
};

/** An organisation with two readers signed in on news (so each has a linked session and an SSO token). */
export type AdminTarget = { org: TestOrg; sessionIds: string[]; tokenIds: string[]; readerIds: string[] };

export async function createAdminTarget(): Promise<AdminTarget> {
  const org = await createTestOrg({ mode: "opt_in", sites: ["news", "sport"] });
  const readers = [await org.createReader(), await org.createReader()];
  for (const reader of readers) await browserSignedInOn(org.site("news").host, reader);
  const sessions = await db.siteSession.findMany({ where: { orgId: org.id }, select: { id: true, ssoTokenId: true } });
  return {
    org,
    sessionIds: sessions.map((s) => s.id),
    tokenIds: [...new Set(sessions.map((s) => s.ssoTokenId).filter((id): id is string => id !== null))],
    readerIds: readers.map((r) => r.id),
  };
}

/** The Cookie header of a staff member with these memberships, signed in on the admin host. */
export async function signedInStaffCookie(memberships: { orgId: string; role: StaffRole }[]): Promise<string> {
  const staff = await createTestStaff(memberships);
  const browser = new TestBrowser();
  await signedInStaff(browser, staff);
  const cookie = browser.cookieHeader(ADMIN_HOST);
  if (!cookie.includes(`${STAFF_COOKIE}=`)) throw new Error(`no staff session cookie after sign-in: ${cookie}`);
  return cookie;
}

/** The settings as PUT/GET speak them, read straight from Postgres (not through the API under test). */
export async function readSettings(orgId: string): Promise<{ settings: SsoSettingsBody; auditRows: number }> {
  // Only the settings' own audit rows: revocations and site switches (other properties) add theirs meanwhile.
  const org = await db.organization.findUniqueOrThrow({ where: { id: orgId } });
  return {
    settings: {
      mode: org.ssoMode,
      ottTtlSeconds: org.ottTtlSeconds,
      sessionIdleSeconds: org.sessionIdleSeconds,
      sessionAbsoluteSeconds: org.sessionAbsoluteSeconds,
      promptReveal: { email: org.promptRevealEmail, name: org.promptRevealName, site: org.promptRevealSite },
      auditRetentionDays: org.auditRetentionDays,
      emailVerification: org.emailVerification,
      emailLinkSignIn: org.emailLinkSignIn,
      mailFrom: org.mailFrom ?? "",
      hostedSignIn: org.hostedSignIn,
    },
    auditRows: await db.auditEvent.count({ where: { orgId, type: { in: ["sso.mode_changed", "sso.settings_changed"] } } }),
  };
}

/**
 * Everything of an organisation the admin API can change, in one string: the settings, each
 * site's switches, how many sessions and SSO tokens are revoked, how many audit rows exist.
 */
export async function orgFingerprint(orgId: string): Promise<string> {
  const rows = await db.$queryRaw<{ fingerprint: string }[]>`
    SELECT concat_ws(' | ',
      (SELECT row(sso_mode, ott_ttl_seconds, session_idle_seconds, session_absolute_seconds,
                  prompt_reveal_email, prompt_reveal_name, prompt_reveal_site, audit_retention_days)::text FROM organizations WHERE id = ${orgId}::uuid),
      (SELECT string_agg(row(slug, sso_enabled, sso_mode_override)::text, ',' ORDER BY slug) FROM sites WHERE org_id = ${orgId}::uuid),
      (SELECT count(*) FROM site_sessions WHERE org_id = ${orgId}::uuid AND revoked_at IS NOT NULL)::text,
      (SELECT count(*) FROM sso_tokens WHERE org_id = ${orgId}::uuid AND revoked_at IS NOT NULL)::text,
      (SELECT count(*) FROM audit_events WHERE org_id = ${orgId}::uuid)::text) AS fingerprint`;
  return rows[0]?.fingerprint ?? "";
}

const MODES = ["auto_login", "opt_in", "disabled"] as const;
const BOUNDS = { ottTtlSeconds: [10, 300], sessionIdleSeconds: [300, 400 * 86_400], sessionAbsoluteSeconds: [3_600, 400 * 86_400], auditRetentionDays: [30, 3650] } as const;
const SETTING_KEYS = ["mode", "ottTtlSeconds", "sessionIdleSeconds", "sessionAbsoluteSeconds", "promptReveal", "auditRetentionDays"] as const;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/**
 * The settings a PUT of `text` must leave, by the API's documented rules (README, "JSON API"),
 * written out here independently of lib/admin: a JSON object with `mode` and any of the other
 * fields, nothing else, integers within bounds, booleans for promptReveal, idle ≤ absolute.
 * null: the body is not an acceptable change (the answer must be a 4xx).
 */
export function settingsAfterPut(before: SsoSettingsBody, text: string): SsoSettingsBody | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (!isPlainObject(value) || Object.keys(value).some((key) => !(SETTING_KEYS as readonly string[]).includes(key))) return null;
  if (!(MODES as readonly unknown[]).includes(value.mode)) return null;
  const within = (key: keyof typeof BOUNDS) => {
    const v = value[key];
    return v === undefined || (typeof v === "number" && Number.isInteger(v) && v >= BOUNDS[key][0] && v <= BOUNDS[key][1]);
  };
  if (!within("ottTtlSeconds") || !within("sessionIdleSeconds") || !within("sessionAbsoluteSeconds") || !within("auditRetentionDays")) return null;
  const reveal = value.promptReveal;
  if (reveal !== undefined) {
    if (!isPlainObject(reveal) || Object.keys(reveal).sort().join() !== "email,name,site") return null;
    if (!Object.values(reveal).every((v) => typeof v === "boolean")) return null;
  }
  const after: SsoSettingsBody = {
    ...before,
    mode: value.mode as string,
    ottTtlSeconds: (value.ottTtlSeconds as number | undefined) ?? before.ottTtlSeconds,
    sessionIdleSeconds: (value.sessionIdleSeconds as number | undefined) ?? before.sessionIdleSeconds,
    sessionAbsoluteSeconds: (value.sessionAbsoluteSeconds as number | undefined) ?? before.sessionAbsoluteSeconds,
    promptReveal: (reveal as SsoSettingsBody["promptReveal"] | undefined) ?? before.promptReveal,
    auditRetentionDays: (value.auditRetentionDays as number | undefined) ?? before.auditRetentionDays,
  };
  return after.sessionIdleSeconds <= after.sessionAbsoluteSeconds ? after : null;
}

/** How many fields differ: the audit rows a change must write (one per changed field). */
export function changedFields(before: SsoSettingsBody, after: SsoSettingsBody): number {
  const flat = (s: SsoSettingsBody) => [s.mode, s.ottTtlSeconds, s.sessionIdleSeconds, s.sessionAbsoluteSeconds, s.promptReveal.email, s.promptReveal.name, s.promptReveal.site, s.auditRetentionDays];
  const a = flat(before);
  return flat(after).filter((value, i) => value !== a[i]).length;
}

const inBounds = (key: keyof typeof BOUNDS) => fc.integer({ min: BOUNDS[key][0], max: BOUNDS[key][1] });
const validSettings = fc.record(
  {
    mode: fc.constantFrom(...MODES),
    ottTtlSeconds: inBounds("ottTtlSeconds"),
    sessionIdleSeconds: fc.oneof(inBounds("sessionIdleSeconds"), fc.constantFrom(300, 86_400, 1_209_600)),
    sessionAbsoluteSeconds: fc.oneof(inBounds("sessionAbsoluteSeconds"), fc.constantFrom(3_600, 7_776_000, 400 * 86_400)),
    promptReveal: fc.record({ email: fc.boolean(), name: fc.boolean(), site: fc.boolean() }),
    auditRetentionDays: fc.oneof(inBounds("auditRetentionDays"), fc.constantFrom(30, 365, 3650)),
  },
  { requiredKeys: ["mode"] },
);
/** Values of the wrong kind, or of the right kind out of bounds (JSON text, so 1e309 and 2^64 stay as sent). */
const wrongValue = fc.oneof(
  fc.constantFrom("9", "301", "-1", "0", "60.5", "1e309", "-1e309", "18446744073709551616", "9007199254740993", "1e21", "34560001", "299", "3599", "NaN"),
  fc.constantFrom('"60"', '"auto_login"', '"AUTO_LOGIN"', '"auto_login "', '"Opt In"', "true", "null", "[]", "{}", '["opt_in"]', '{"email":true}'),
  nastyString.map((s) => JSON.stringify(s)),
);
/** A valid change with one field replaced by a wrong value, or with an extra key. */
const wrongSettings = fc.oneof(
  fc.tuple(validSettings, fc.constantFrom(...SETTING_KEYS, "promptReveal.email", "promptReveal.phone"), wrongValue).map(([valid, key, raw]) => {
    const text = JSON.stringify({ ...valid, promptReveal: valid.promptReveal ?? { email: true, name: false, site: true } });
    if (key === "promptReveal.email") return text.replace(/"email":(true|false)/, `"email":${raw}`);
    if (key === "promptReveal.phone") return text.replace(/"site":(true|false)/, `"site":$1,"phone":${raw}`);
    const withoutKey = JSON.parse(text) as Record<string, unknown>;
    delete withoutKey[key];
    const rest = JSON.stringify(withoutKey).slice(1);
    return `{"${key}":${raw}${rest === "}" ? "}" : `,${rest}`}`;
  }),
  fc.tuple(validSettings, fc.constantFrom("__proto__", "constructor", "orgId", "id", "colour", "Mode", "mode "), fc.jsonValue({ maxDepth: 2 })).map(([valid, key, extra]) =>
    JSON.stringify(valid).replace(/^\{/, `{${JSON.stringify(key)}:${JSON.stringify(extra)},`),
  ),
);

/** PUT /api/orgs/<slug>/sso bodies: valid changes, valid-shaped-but-wrong ones, any JSON, garbage, oversize. */
const settingsBody = fc.oneof(
  { weight: 5, arbitrary: validSettings.map((s) => JSON.stringify(s)) },
  { weight: 4, arbitrary: wrongSettings },
  { weight: 2, arbitrary: jsonBody(SETTING_KEYS) },
  { weight: 1, arbitrary: validSettings.map((s) => JSON.stringify({ ...s, padding: "x".repeat(4100) })) },
);

/** PATCH /api/orgs/<slug>/sites/<site> bodies. */
const siteSwitchBody = fc.oneof(
  { weight: 3, arbitrary: fc.record({ ssoEnabled: fc.boolean(), ssoModeOverride: fc.constantFrom(...MODES, null) }, { requiredKeys: [] }).map((v) => JSON.stringify(v)) },
  { weight: 2, arbitrary: fc.tuple(fc.constantFrom("ssoEnabled", "ssoModeOverride", "slug", "callbackUrl", "orgId"), wrongValue).map(([key, raw]) => `{"${key}":${raw}}`) },
  { weight: 2, arbitrary: jsonBody(["ssoEnabled", "ssoModeOverride", "callbackUrl", "hostnames"]) },
);

/** A path segment: an own id (weight 4), another organisation's (2), a random uuid or a nasty string, encoded (2) or raw printable ASCII (1). */
export function pathSegment(own: readonly string[], foreign: readonly string[]) {
  const kinds: { weight: number; arbitrary: fc.Arbitrary<{ value: string; kind: "own" | "foreign" | "other" }> }[] = [
    { weight: 2, arbitrary: fc.oneof(fc.uuid(), secretShaped, nastyString.map(encodeURIComponent)).map((value) => ({ value, kind: "other" as const })) },
    { weight: 1, arbitrary: fc.string({ unit: fc.integer({ min: 0x21, max: 0x7e }).map((c) => String.fromCharCode(c)), minLength: 1, maxLength: 40 }).map((value) => ({ value, kind: "other" as const })) },
  ];
  if (own.length > 0) kinds.push({ weight: 4, arbitrary: fc.constantFrom(...own).map((value) => ({ value, kind: "own" as const })) });
  if (foreign.length > 0) kinds.push({ weight: 2, arbitrary: fc.constantFrom(...foreign).map((value) => ({ value, kind: "foreign" as const })) });
  return fc.oneof(...kinds);
}

export type Endpoint = "sso" | "sites" | "site" | "site-session" | "sso-token" | "reader-logout" | "unknown";
export type AdminRequest = { endpoint: Endpoint; method: string; path: string; body: string | undefined; slugKind: "own" | "foreign" | "other"; idKind: "own" | "foreign" | "other" | "none" };

/** What the API serves, each with its own method(s). */
const OWN_METHODS: Record<Endpoint, readonly string[]> = {
  sso: ["GET", "PUT"],
  sites: ["GET"],
  site: ["PATCH"],
  "site-session": ["DELETE"],
  "sso-token": ["DELETE"],
  "reader-logout": ["POST"],
  unknown: ["GET", "POST"],
};

/**
 * Any request to the organisation API: an endpoint, its own method most of the time, a slug
 * (this organisation's, another's, or garbage), the id segments of the revocation endpoints
 * (this organisation's, another's, or garbage), a body where the method has one, and a query.
 */
export function adminRequest(options: {
  slug: string;
  foreignSlugs: readonly string[];
  own: { sites: readonly string[]; sessions: readonly string[]; tokens: readonly string[]; readers: readonly string[] };
  foreign: { sites: readonly string[]; sessions: readonly string[]; tokens: readonly string[]; readers: readonly string[] };
  endpoints?: readonly Endpoint[];
  query: fc.Arbitrary<string>;
}): fc.Arbitrary<AdminRequest> {
  const endpoints = options.endpoints ?? (Object.keys(OWN_METHODS) as Endpoint[]);
  const slug = fc.oneof(
    { weight: 8, arbitrary: fc.constant({ value: options.slug, kind: "own" as const }) },
    { weight: 1, arbitrary: fc.constantFrom(...options.foreignSlugs).map((value) => ({ value, kind: "foreign" as const })) },
    { weight: 1, arbitrary: pathSegment([], []) },
  );
  const anyMethod = fc.constantFrom("GET", "HEAD", "PUT", "PATCH", "POST", "DELETE", "OPTIONS");
  return fc
    .tuple(fc.constantFrom(...endpoints), slug, anyMethod, fc.nat(), options.query)
    .chain(([endpoint, s, otherMethod, pick, query]) => {
      const ownMethods = OWN_METHODS[endpoint];
      const method = pick % 5 === 0 ? otherMethod : (ownMethods[pick % ownMethods.length] as string);
      const base = `/api/orgs/${s.value}`;
      const id = (own: readonly string[], foreign: readonly string[]) => pathSegment(own, foreign);
      const segment: fc.Arbitrary<{ path: string; idKind: AdminRequest["idKind"] }> =
        endpoint === "sso" ? fc.constant({ path: `${base}/sso`, idKind: "none" })
        : endpoint === "sites" ? fc.constant({ path: `${base}/sites`, idKind: "none" })
        : endpoint === "site" ? id(options.own.sites, options.foreign.sites).map((v) => ({ path: `${base}/sites/${v.value}`, idKind: v.kind }))
        : endpoint === "site-session" ? id(options.own.sessions, options.foreign.sessions).map((v) => ({ path: `${base}/site-sessions/${v.value}`, idKind: v.kind }))
        : endpoint === "sso-token" ? id(options.own.tokens, options.foreign.tokens).map((v) => ({ path: `${base}/sso-tokens/${v.value}`, idKind: v.kind }))
        : endpoint === "reader-logout" ? id(options.own.readers, options.foreign.readers).map((v) => ({ path: `${base}/readers/${v.value}/logout`, idKind: v.kind }))
        : pathSegment(["readers", "site-sessions", "sso-tokens", "audit", "members", ""], []).map((v) => ({ path: `${base}/${v.value}`, idKind: "other" as const }));
      const hasBody = method !== "GET" && method !== "HEAD";
      const body: fc.Arbitrary<string | undefined> = !hasBody
        ? fc.constant(undefined)
        : endpoint === "sso" ? settingsBody
        : endpoint === "site" ? siteSwitchBody
        : fc.option(jsonBody(["reason", "force", "all"]), { nil: undefined });
      return fc.tuple(segment, body).map(([seg, b]) => ({ endpoint, method, path: `${seg.path}${query}`, body: b, slugKind: s.kind, idKind: seg.idKind }));
    });
}

/** The Cookie header: the staff member's own most of the time, with garbage around it, or garbage alone. */
export function staffCookies(cookie: string | null) {
  const garbage = cookieHeader(STAFF_COOKIE_NAMES);
  if (cookie === null) return garbage;
  return fc.oneof(
    { weight: 6, arbitrary: fc.constant(cookie) },
    { weight: 1, arbitrary: garbage.map((g) => `${g}; ${cookie}`) },
    { weight: 1, arbitrary: garbage },
  );
}
