// PATCH /api/orgs/<slug>/sites/<site> — a site's SSO switches: {"ssoEnabled"?: bool (the kill
// switch), "ssoModeOverride"?: mode | null (null: follow the organisation)}. Owner/admin,
// same-origin, audited; in force on the site's next request.
import { readJsonBody } from "@/lib/http/read-json-body";
import { withOrgRoute } from "@/app/_lib/org-route";
import { siteSsoInputSchema, updateSiteSso } from "@/lib/admin/sites";
import { MANAGE_ROLE } from "@/lib/admin/roles";
import { rejectMethodsExcept } from "@/app/_lib/method-not-allowed";

export const PATCH = withOrgRoute<{ orgSlug: string; siteSlug: string }>({ role: MANAGE_ROLE, mutation: true }, async ({ request, params, access, ip }) => {
  const changes = await readJsonBody(request, siteSsoInputSchema, { maxBytes: 1024 });
  const site = await updateSiteSso({ orgId: access.org.id, siteSlug: params.siteSlug, actorStaffId: access.staff.id, changes, ip });
  return Response.json(site);
});

export const { GET, POST, PUT, DELETE } = rejectMethodsExcept("PATCH");
