// "Not now" on the Opt In prompt: remembered in the SSO token's meta (system part) for this
// site only, so the prompt stops nagging here and still shows on the organisation's other sites.
import { ApiError } from "@/lib/errors";
import { z } from "zod";
import type { SiteContext } from "./site-context";
import { addSiteToTokenList } from "./token-site-lists";

export const dismissPromptResponseSchema = z.object({ dismissed: z.literal(true) });

export async function dismissPrompt(context: SiteContext): Promise<void> {
  if (!context.session || !context.token) throw new ApiError("not_linked", "This session is not linked to a sign-on.");
  await rememberPromptDismissed({ tokenId: context.token.id, siteId: context.site.id });
}

/** Appends the site to meta.system.promptDismissedSites once (lib/sso/token-site-lists.ts). */
export async function rememberPromptDismissed(options: { tokenId: string; siteId: string }): Promise<void> {
  await addSiteToTokenList({ ...options, list: "promptDismissedSites" });
}
