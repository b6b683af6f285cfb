// POST /api/sso/prompt/dismiss — "Not now" on the Opt In prompt, remembered for this site.
import { withSiteRoute } from "@/app/_lib/site-route";
import { assertSameOrigin } from "@/lib/security/same-origin";
import { dismissPrompt, dismissPromptResponseSchema } from "@/lib/sso/dismiss-prompt";
import { jsonResponse } from "@/lib/http/json-response";
import { rejectMethodsExcept } from "@/app/_lib/method-not-allowed";

export const POST = withSiteRoute(async ({ request, outcome }) => {
  assertSameOrigin(request);
  await dismissPrompt(outcome.context);
  return jsonResponse(dismissPromptResponseSchema, { dismissed: true });
});

export const { GET, PUT, PATCH, DELETE } = rejectMethodsExcept("POST");
