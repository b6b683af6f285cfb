// The Zephr-compatible Public API on every site host (docs/zephr-compat.md): Zephr's paths,
// bodies and statuses, each an alias of one of the product's own verbs. Listed apart from
// operations.ts (which spreads them in) so the product's own contract reads on its own.
// Zephr's reference: https://developer.zuora.com/zephr-api-reference/zephr-public-api/
import type { ErrorCode } from "@/lib/errors";
import { zephrSsoStatusBodySchema } from "@/lib/zephr/sso-status";
import { zephrErrorBodySchema } from "@/lib/zephr/zephr-errors";
import type { Operation, ResponseSpec } from "./operations";

/** An error answer on a Zephr path: the product's codes, in Zephr's shape (lib/zephr/zephr-errors.ts). */
function zephrError(description: string, codes: ErrorCode[]): ResponseSpec {
  return { description: `${description} Error codes: ${codes.join(", ")}.`, json: zephrErrorBodySchema };
}

const zephrSiteErrors = { 404: zephrError("Not a site of this app.", ["unknown_host", "unknown_site"]) };

const cookieNote = "The browser's site session cookie is Zephr's `blaize_session` here (docs/zephr-compat.md).";

export const zephrOperations: Operation[] = [
  {
    operationId: "zephrRetrieveSsoStatus",
    hosts: ["site"],
    method: "get",
    path: "/zephr/public/sso/v1/status",
    tag: "zephr",
    summary: "Zephr's retrieveSSOStatus: {status, meta} — the same status as GET /api/sso/status",
    description: `${cookieNote} Under Auto Login, a linked anonymous session is signed in by this very request, as on /api/sso/status. Zephr: https://developer.zuora.com/zephr-api-reference/zephr-public-api/authentication/retrievessostatus`,
    security: ["siteSession"],
    responses: { 200: { description: "The status and the customer meta.", json: zephrSsoStatusBodySchema }, ...zephrSiteErrors },
  },
];
