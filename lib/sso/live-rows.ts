// What "a live site session" and "a live SSO token" mean, written once, as SQL fragments that every
// statement reading or ending them splices in: the site context (every page request), the status
// counts of the admin console's activity page, a reader's sessions on the admin reader page, the
// auth domain's token lookup, the OTT redemption, the purge of dead rows.
//
// Fragments rather than SQL views: a statement that splices a fragment keeps exactly the text it
// had (the site context's prepared statement is planned as before, with no view to inline into an
// outer join's nullable side), the same fragment serves the site context's UPDATE … RETURNING
// (a view joining organizations could not be updated), prepared statements, Prisma's raw queries
// and the purge's own clock alike, and no migration is needed to change the rule.
//
// Each function takes the SQL aliases of the rows it tests (the site session's organisation holds
// its idle lifetime) and the SQL for "now" (the database's clock unless the purge passes its own).
// Aliases and clocks are SQL text written in this code base, never input.

/** Each condition a live site session meets, named by the state it is in when the condition fails. */
function siteSessionConditions(s: string, o: string, now: string) {
  return [
    { failing: "revoked", holds: `${s}.revoked_at IS NULL` },
    { failing: "expired", holds: `${s}.expires_at > ${now}` },
    { failing: "idle", holds: `${s}.last_seen_at > ${now} - make_interval(secs => ${o}.session_idle_seconds)` },
  ] as const;
}

/** Each condition a live SSO token meets. Its idle lifetime counts only at the auth domain (isActiveAtAuthDomain). */
function ssoTokenConditions(t: string, now: string) {
  return [
    { failing: "revoked", holds: `${t}.revoked_at IS NULL` },
    { failing: "expired", holds: `${t}.expires_at > ${now}` },
  ] as const;
}

/** Not revoked, before its absolute expiry, and used within its organisation's idle lifetime. */
export function isLiveSiteSession(s: string, o: string, now = "now()"): string {
  return siteSessionConditions(s, o, now).map((c) => c.holds).join(" AND ");
}

/**
 * Not revoked and before its absolute expiry. A token whose browser has not come back to the auth
 * domain for a while still links the sessions it made (they keep their own idle lifetime); only
 * the auth domain refuses it as idle (isActiveAtAuthDomain).
 */
export function isLiveSsoToken(t: string, now = "now()"): string {
  return ssoTokenConditions(t, now).map((c) => c.holds).join(" AND ");
}

/** The auth domain's view: live, and seen there within its organisation's SSO-token idle lifetime. */
export function isActiveAtAuthDomain(t: string, o: string, now = "now()"): string {
  return `${isLiveSsoToken(t, now)} AND ${ssoTokenIdleCondition(t, o, now)}`;
}

function ssoTokenIdleCondition(t: string, o: string, now: string): string {
  return `${t}.last_seen_at > ${now} - make_interval(secs => ${o}.sso_token_idle_seconds)`;
}

export type LiveState = "live" | "revoked" | "expired" | "idle";

/** `'live'`, or the first condition of isLiveSiteSession the session fails (for listing sessions with their state). */
export function siteSessionState(s: string, o: string, now = "now()"): string {
  return stateCase(siteSessionConditions(s, o, now));
}

/** `'live'`, or why not — at the auth domain's idle lifetime (for listing a reader's browsers). */
export function ssoTokenState(t: string, o: string, now = "now()"): string {
  return stateCase([...ssoTokenConditions(t, now), { failing: "idle", holds: ssoTokenIdleCondition(t, o, now) }]);
}

function stateCase(conditions: readonly { failing: LiveState; holds: string }[]): string {
  return `CASE ${conditions.map((c) => `WHEN NOT (${c.holds}) THEN '${c.failing}'`).join(" ")} ELSE 'live' END`;
}

/**
 * The row is dead for the reason named, as the purge deletes them: each reason alone, so each
 * DELETE batch walks its own index (expires_at, last_seen_at). The purge's clock is its own
 * (`now` minus its retention for SSO tokens).
 */
export function isDeadSiteSession(reason: "expired" | "idle", s: string, o: string, now: string): string {
  return failing(siteSessionConditions(s, o, now), reason);
}

export function isDeadSsoToken(reason: "expired" | "idle", t: string, o: string, now: string): string {
  return failing([...ssoTokenConditions(t, now), { failing: "idle", holds: ssoTokenIdleCondition(t, o, now) }], reason);
}

function failing(conditions: readonly { failing: LiveState; holds: string }[], reason: LiveState): string {
  const condition = conditions.find((c) => c.failing === reason);
  if (!condition) throw new Error(`no condition ${reason}`);
  return `NOT (${condition.holds})`;
}
