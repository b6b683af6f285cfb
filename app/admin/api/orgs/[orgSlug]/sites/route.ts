// GET /api/orgs/<slug>/sites — the organisation's sites: hostnames, callback, SSO switches, effective mode.
import { withOrgRoute } from "@/app/_lib/org-route";
import { listSites } from "@/lib/admin/sites";
import { rejectMethodsExcept } from "@/app/_lib/method-not-allowed";

export const GET = withOrgRoute({ role: "viewer", mutation: false }, async ({ access }) =>
  Response.json({ sites: await listSites({ orgId: access.org.id }) }),
);

export const { POST, PUT, PATCH, DELETE } = rejectMethodsExcept("GET");
