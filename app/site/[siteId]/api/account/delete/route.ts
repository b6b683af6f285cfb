// POST /api/account/delete — delete the signed-in reader's account: {"currentPassword"} deletes
// at once (the password counted by the sign-in throttle), {"confirmBy": "email"} mails a
// confirmation link instead. Same-origin only.
import { withSiteRoute } from "@/app/_lib/site-route";
import { clientIp } from "@/lib/http/client-ip";
import { readJsonBody } from "@/lib/http/read-json-body";
import { jsonResponse } from "@/lib/http/json-response";
import { rejectMethodsExcept } from "@/app/_lib/method-not-allowed";
import { assertSameOrigin } from "@/lib/security/same-origin";
import { readDeviceSecret } from "@/lib/auth/sign-in-outcome";
import { answerThrottled } from "@/lib/account/throttled-answer";
import { requestAccountDeletion, requestDeletionBodySchema, requestDeletionResponseSchema } from "@/lib/account/delete-account";

export const POST = withSiteRoute(async ({ request, outcome }) =>
  answerThrottled(async () => {
    assertSameOrigin(request);
    const body = await readJsonBody(request, requestDeletionBodySchema, { maxBytes: 4096 });
    const result = await requestAccountDeletion({ context: outcome.context, body, ip: clientIp(request.headers), deviceSecret: readDeviceSecret(request.cookies, outcome.secure) });
    return jsonResponse(requestDeletionResponseSchema, result);
  }),
);

export const { GET, PUT, PATCH, DELETE } = rejectMethodsExcept("POST");
