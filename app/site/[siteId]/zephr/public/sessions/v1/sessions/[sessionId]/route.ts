// DELETE /zephr/public/sessions/v1/sessions/{sessionId} — Zephr's deleteSession: the product's
// "sign out of one of my sessions" (lib/account/revoke-own-session.ts, through
// lib/sso/revoke-sessions.ts). A session that is not this reader's is a 404, like one that does
// not exist: the answer does not tell them apart.
import { rejectZephrMethodsExcept, withZephrRoute } from "@/app/_lib/zephr-route";
import { requireSignedIn } from "@/lib/account/require-signed-in";
import { revokeOwnSession } from "@/lib/account/revoke-own-session";
import { ApiError } from "@/lib/errors";
import { jsonResponse } from "@/lib/http/json-response";
import { assertSameOrigin } from "@/lib/security/same-origin";
import { ZEPHR_MESSAGES, zephrMessageResponseSchema, zephrSessionParamsSchema } from "@/lib/zephr/bodies";

export const DELETE = withZephrRoute(async ({ request, params, outcome }) => {
  assertSameOrigin(request);
  const { readerId } = requireSignedIn(outcome.context);
  // Zephr's ids are opaque strings: anything that is not one of ours cannot be this reader's session.
  const parsed = zephrSessionParamsSchema.safeParse({ sessionId: params.sessionId });
  if (!parsed.success) throw new ApiError("not_found", "No such session of yours.");
  await revokeOwnSession({ orgId: outcome.context.site.orgId, readerId, sessionId: parsed.data.sessionId });
  return jsonResponse(zephrMessageResponseSchema, { message: ZEPHR_MESSAGES.logout });
});

export const { GET, POST, PUT, PATCH } = rejectZephrMethodsExcept("DELETE");
