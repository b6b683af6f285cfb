// POST /api/account/export — the signed-in reader's data as a JSON download (same-origin; a POST
// so that no other site can make a browser fetch it). Audited as reader.data_exported.
import { withSiteRoute } from "@/app/_lib/site-route";
import { clientIp } from "@/lib/http/client-ip";
import { rejectMethodsExcept } from "@/app/_lib/method-not-allowed";
import { assertSameOrigin } from "@/lib/security/same-origin";
import { requireSignedIn } from "@/lib/account/require-signed-in";
import { exportReaderData, exportResponse } from "@/lib/account/export-data";

export const POST = withSiteRoute(async ({ request, outcome }) => {
  assertSameOrigin(request);
  const { readerId } = requireSignedIn(outcome.context);
  const data = await exportReaderData({ orgId: outcome.context.site.orgId, readerId, siteId: outcome.context.site.id, ip: clientIp(request.headers) });
  return exportResponse(data);
});

export const { GET, PUT, PATCH, DELETE } = rejectMethodsExcept("POST");
