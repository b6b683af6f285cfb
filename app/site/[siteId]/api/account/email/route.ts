// POST /api/account/email — ask to change the signed-in reader's address (current password
// required): a link to the new address, a notice to the current one. Same answer whether or
// not the new address has an account.
import { withSiteRoute } from "@/app/_lib/site-route";
import { clientIp } from "@/lib/http/client-ip";
import { readJsonBody } from "@/lib/http/read-json-body";
import { jsonResponse } from "@/lib/http/json-response";
import { rejectMethodsExcept } from "@/app/_lib/method-not-allowed";
import { assertSameOrigin } from "@/lib/security/same-origin";
import { readDeviceSecret } from "@/lib/auth/sign-in-outcome";
import { requestEmailChange, requestEmailChangeBodySchema, requestEmailChangeResponseSchema } from "@/lib/account/change-email";
import { answerThrottled } from "@/lib/account/throttled-answer";

export const POST = withSiteRoute(async ({ request, outcome }) =>
  answerThrottled(async () => {
    assertSameOrigin(request);
    const body = await readJsonBody(request, requestEmailChangeBodySchema, { maxBytes: 4096 });
    await requestEmailChange({ context: outcome.context, body, ip: clientIp(request.headers), deviceSecret: readDeviceSecret(request.cookies, outcome.secure) });
    return jsonResponse(requestEmailChangeResponseSchema, { sent: true });
  }),
);

export const { GET, PUT, PATCH, DELETE } = rejectMethodsExcept("POST");
