// "Sign out of <site>" from the account page, remembered for that browser: the site is added to
// its SSO token's meta.system.signedOutSites, and Auto Login does not sign that site in again on
// this browser (lib/sso/plan-site-request.ts, canAutoSignIn) until the reader signs in THERE
// (password, registration or "Continue": complete-sign-in.ts, login-with-sso.ts forget it).
// Without this, under Auto Login the next page of that site would sign the reader straight back
// in, and the button would do nothing the reader can see. The same idea as the Credential
// Management API's preventSilentAccess() and Google Identity's disableAutoSelect() on sign-out:
// an explicit sign-out suspends silent sign-in for that site until an explicit sign-in.
// It stops only what acts without asking; the Opt In prompt still asks (that is its consent).
import { getPool } from "@/lib/db/pool";
import { preparedStatement, queryPrepared, type Queryable } from "@/lib/db/prepared";

/** Appends the site once; meta that is not an object (or a list that is not an array) starts over. */
const REMEMBER = preparedStatement(
  "remember_site_sign_out",
  `UPDATE sso_tokens
      SET meta = jsonb_set(
            jsonb_set(CASE WHEN jsonb_typeof(meta) = 'object' THEN meta ELSE '{}'::jsonb END,
                      '{system}',
                      CASE WHEN jsonb_typeof(meta->'system') = 'object' THEN meta->'system' ELSE '{}'::jsonb END, true),
            '{system,signedOutSites}',
            CASE WHEN jsonb_typeof(meta->'system'->'signedOutSites') = 'array'
                 THEN meta->'system'->'signedOutSites' ELSE '[]'::jsonb END || to_jsonb($2::text), true)
    WHERE id = $1::uuid
      AND NOT COALESCE(meta->'system'->'signedOutSites' ? $2::text, false)`,
);

const FORGET = preparedStatement(
  "forget_site_sign_out",
  `UPDATE sso_tokens
      SET meta = jsonb_set(meta, '{system,signedOutSites}', (meta->'system'->'signedOutSites') - $2::text)
    WHERE id = $1::uuid
      AND jsonb_typeof(meta->'system'->'signedOutSites') = 'array'
      AND meta->'system'->'signedOutSites' ? $2::text`,
);

export async function rememberSiteSignOut(options: { tokenId: string; siteId: string }, client: Queryable = getPool()): Promise<void> {
  await queryPrepared(REMEMBER, [options.tokenId, options.siteId], client);
}

/** The reader signed in on this site themselves: Auto Login may sign it in on this browser again. */
export async function forgetSiteSignOut(options: { tokenId: string; siteId: string }, client: Queryable = getPool()): Promise<void> {
  await queryPrepared(FORGET, [options.tokenId, options.siteId], client);
}
