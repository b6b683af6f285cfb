// The lists of sites kept in an SSO token's meta.system (lib/sso/token-meta.ts): where the
// reader said "Not now" to the Opt In prompt, and where they signed out from the account page.
// One atomic statement each way; meta that is not an object (or a list that is not an array)
// starts over rather than failing.
import { getPool } from "@/lib/db/pool";
import { preparedStatement, queryPrepared, type Queryable } from "@/lib/db/prepared";

export type TokenSiteList = "promptDismissedSites" | "signedOutSites";

/** Appends the site once. $3 is the list's name (a closed set, never input). */
const ADD = preparedStatement(
  "add_site_to_token_list",
  `UPDATE sso_tokens
      SET meta = jsonb_set(
            jsonb_set(CASE WHEN jsonb_typeof(meta) = 'object' THEN meta ELSE '{}'::jsonb END,
                      '{system}',
                      CASE WHEN jsonb_typeof(meta->'system') = 'object' THEN meta->'system' ELSE '{}'::jsonb END, true),
            ARRAY['system', $3::text],
            CASE WHEN jsonb_typeof(meta->'system'->$3::text) = 'array'
                 THEN meta->'system'->$3::text ELSE '[]'::jsonb END || to_jsonb($2::text), true)
    WHERE id = $1::uuid
      AND NOT COALESCE(meta->'system'->$3::text ? $2::text, false)`,
);

const REMOVE = preparedStatement(
  "remove_site_from_token_list",
  `UPDATE sso_tokens
      SET meta = jsonb_set(meta, ARRAY['system', $3::text], (meta->'system'->$3::text) - $2::text)
    WHERE id = $1::uuid
      AND jsonb_typeof(meta->'system'->$3::text) = 'array'
      AND meta->'system'->$3::text ? $2::text`,
);

export async function addSiteToTokenList(options: { tokenId: string; siteId: string; list: TokenSiteList }, client: Queryable = getPool()): Promise<void> {
  await queryPrepared(ADD, [options.tokenId, options.siteId, options.list], client);
}

export async function removeSiteFromTokenList(options: { tokenId: string; siteId: string; list: TokenSiteList }, client: Queryable = getPool()): Promise<void> {
  await queryPrepared(REMOVE, [options.tokenId, options.siteId, options.list], client);
}
