// GET /api/account/sessions — the signed-in reader's sessions as JSON (lib/account/own-sessions.ts);
// the account page lists them from this answer.
import { withSiteRoute } from "@/app/_lib/site-route";
import { rejectMethodsExcept } from "@/app/_lib/method-not-allowed";
import { listOwnSessions, ownSessionsResponseSchema } from "@/lib/account/own-sessions";
import { jsonResponse } from "@/lib/http/json-response";

export const GET = withSiteRoute(async ({ outcome }) => jsonResponse(ownSessionsResponseSchema, await listOwnSessions(outcome.context)));

export const { POST, PUT, PATCH, DELETE } = rejectMethodsExcept("GET");
