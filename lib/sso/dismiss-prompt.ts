// "Not now" on the Opt In prompt: remembered in the SSO token's meta (system part) for this
// site only, so the prompt stops nagging here and still shows on the organisation's other sites.
import { db } from "@/lib/db/client";
import { ApiError } from "@/lib/errors";
import { z } from "zod";
import type { SiteContext } from "./site-context";

export const dismissPromptResponseSchema = z.object({ dismissed: z.literal(true) });

export async function dismissPrompt(context: SiteContext): Promise<void> {
  if (!context.session || !context.token) throw new ApiError("not_linked", "This session is not linked to a sign-on.");
  await rememberPromptDismissed({ tokenId: context.token.id, siteId: context.site.id });
}

/** One atomic statement: appends the site to meta.system.promptDismissedSites once. */
export async function rememberPromptDismissed(options: { tokenId: string; siteId: string }): Promise<void> {
  await db.$executeRaw`
    UPDATE sso_tokens
       SET meta = jsonb_set(
             jsonb_set(CASE WHEN jsonb_typeof(meta) = 'object' THEN meta ELSE '{}'::jsonb END,
                       '{system}',
                       CASE WHEN jsonb_typeof(meta->'system') = 'object' THEN meta->'system' ELSE '{}'::jsonb END, true),
             '{system,promptDismissedSites}',
             CASE WHEN jsonb_typeof(meta->'system'->'promptDismissedSites') = 'array'
                  THEN meta->'system'->'promptDismissedSites' ELSE '[]'::jsonb END || to_jsonb(${options.siteId}::text), true)
     WHERE id = ${options.tokenId}::uuid
       AND NOT COALESCE(meta->'system'->'promptDismissedSites' ? ${options.siteId}, false)`;
}
