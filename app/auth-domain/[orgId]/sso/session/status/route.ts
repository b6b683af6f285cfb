// POST /sso/session/status — an external site's session: SSO status, Auto Login (client credentials).
import { withExternalClientRoute } from "@/app/_lib/external-client-route";
import { jsonResponse } from "@/lib/http/json-response";
import { rejectMethodsExcept } from "@/app/_lib/method-not-allowed";
import { readJsonBody } from "@/lib/http/read-json-body";
import { externalSessionBodySchema, externalStatusRequestSchema, getExternalStatus } from "@/lib/sso/external/external-session";

export const POST = withExternalClientRoute(async ({ request, client }) => {
  const body = await readJsonBody(request, externalStatusRequestSchema, { maxBytes: 1024 });
  return jsonResponse(externalSessionBodySchema, await getExternalStatus({ client, handle: body.session }));
});

export const { GET, PUT, PATCH, DELETE } = rejectMethodsExcept("POST");
