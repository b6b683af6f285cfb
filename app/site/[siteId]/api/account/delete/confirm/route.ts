// POST /api/account/delete/confirm {"token"} — use an account-deletion link (the page at
// /account/delete?token=… only shows the button: a GET never uses a link). Same-origin only.
import { withSiteRoute } from "@/app/_lib/site-route";
import { readJsonBody } from "@/lib/http/read-json-body";
import { jsonResponse } from "@/lib/http/json-response";
import { rejectMethodsExcept } from "@/app/_lib/method-not-allowed";
import { assertSameOrigin } from "@/lib/security/same-origin";
import { confirmAccountDeletion, confirmDeletionBodySchema, confirmDeletionResponseSchema } from "@/lib/account/delete-account";

export const POST = withSiteRoute(async ({ request, outcome }) => {
  assertSameOrigin(request);
  const body = await readJsonBody(request, confirmDeletionBodySchema, { maxBytes: 1024 });
  return jsonResponse(confirmDeletionResponseSchema, await confirmAccountDeletion({ context: outcome.context, token: body.token }));
});

export const { GET, PUT, PATCH, DELETE } = rejectMethodsExcept("POST");
