// POST /sso/session/logout {"session", "where"?} — an external site's reader signs out, with the scopes of POST /api/logout.
import { withExternalClientRoute } from "@/app/_lib/external-client-route";
import { jsonResponse } from "@/lib/http/json-response";
import { rejectMethodsExcept } from "@/app/_lib/method-not-allowed";
import { readJsonBody } from "@/lib/http/read-json-body";
import { externalLogoutRequestSchema, externalLogoutResponseSchema, logoutExternal } from "@/lib/sso/external/external-session";

export const POST = withExternalClientRoute(async ({ request, client, ip }) => {
  const body = await readJsonBody(request, externalLogoutRequestSchema, { maxBytes: 1024 });
  return jsonResponse(externalLogoutResponseSchema, await logoutExternal({ client, handle: body.session, where: body.where, ip }));
});

export const { GET, PUT, PATCH, DELETE } = rejectMethodsExcept("POST");
