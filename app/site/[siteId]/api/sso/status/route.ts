// GET /api/sso/status — unknown | known | authenticated for this browser on this site.
// One database round trip (lib/sso/site-context.ts), plus a write only when Auto Login signs
// the session in on this request.
import { getSsoStatusBody } from "@/lib/sso/sso-status";
import { withSiteRoute } from "@/lib/http/site-route";
import { rejectMethodsExcept } from "@/lib/http/method-not-allowed";

export const GET = withSiteRoute(async ({ outcome }) => Response.json(getSsoStatusBody(outcome.context)));

export const { POST, PUT, PATCH, DELETE } = rejectMethodsExcept("GET");
