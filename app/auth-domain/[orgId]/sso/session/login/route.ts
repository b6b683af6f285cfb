// POST /sso/session/login {"session", "use_sso": true} — an external site's reader continues as the reader signed in elsewhere.
import { withExternalClientRoute } from "@/app/_lib/external-client-route";
import { jsonResponse } from "@/lib/http/json-response";
import { rejectMethodsExcept } from "@/app/_lib/method-not-allowed";
import { readJsonBody } from "@/lib/http/read-json-body";
import { externalLoginRequestSchema, externalSessionBodySchema, loginExternalWithSso } from "@/lib/sso/external/external-session";

export const POST = withExternalClientRoute(async ({ request, client }) => {
  const body = await readJsonBody(request, externalLoginRequestSchema, { maxBytes: 1024 });
  return jsonResponse(externalSessionBodySchema, await loginExternalWithSso({ client, handle: body.session }));
});

export const { GET, PUT, PATCH, DELETE } = rejectMethodsExcept("POST");
