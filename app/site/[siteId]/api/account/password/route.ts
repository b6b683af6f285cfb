// POST /api/account/password — change the signed-in reader's password (current one required,
// counted by the sign-in throttle); optionally sign out every other device.
import { withSiteRoute } from "@/app/_lib/site-route";
import { clientIp } from "@/lib/http/client-ip";
import { readJsonBody } from "@/lib/http/read-json-body";
import { jsonResponse } from "@/lib/http/json-response";
import { rejectMethodsExcept } from "@/app/_lib/method-not-allowed";
import { assertSameOrigin } from "@/lib/security/same-origin";
import { readDeviceSecret } from "@/lib/auth/sign-in-outcome";
import { changePassword, changePasswordBodySchema, changePasswordResponseSchema } from "@/lib/account/change-password";
import { answerThrottled } from "@/lib/account/throttled-answer";

export const POST = withSiteRoute(async ({ request, outcome }) =>
  answerThrottled(async () => {
    assertSameOrigin(request);
    const body = await readJsonBody(request, changePasswordBodySchema, { maxBytes: 4096 });
    const result = await changePassword({
      context: outcome.context,
      body,
      ip: clientIp(request.headers),
      userAgent: request.headers.get("user-agent"),
      deviceSecret: readDeviceSecret(request.cookies, outcome.secure),
    });
    return jsonResponse(changePasswordResponseSchema, { changed: true, revokedSessions: result.revokedSessions });
  }),
);

export const { GET, PUT, PATCH, DELETE } = rejectMethodsExcept("POST");
