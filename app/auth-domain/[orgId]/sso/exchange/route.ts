// POST /sso/exchange — an external site's backend redeems the OTT its callback received (client credentials).
import { withExternalClientRoute } from "@/app/_lib/external-client-route";
import { jsonResponse } from "@/lib/http/json-response";
import { rejectMethodsExcept } from "@/app/_lib/method-not-allowed";
import { readJsonBody } from "@/lib/http/read-json-body";
import { exchangeBodySchema, exchangeOneTimeToken } from "@/lib/sso/external/exchange-one-time-token";
import { externalSessionBody, externalSessionBodySchema } from "@/lib/sso/external/external-session";

export const POST = withExternalClientRoute(async ({ request, client, ip }) => {
  const body = await readJsonBody(request, exchangeBodySchema, { maxBytes: 2048 });
  const session = await exchangeOneTimeToken({ client, body, ip });
  return jsonResponse(externalSessionBodySchema, externalSessionBody(session));
});

export const { GET, PUT, PATCH, DELETE } = rejectMethodsExcept("POST");
