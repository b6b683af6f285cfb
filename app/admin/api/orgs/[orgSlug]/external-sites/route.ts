// GET /api/orgs/<slug>/external-sites — external sites with their client ids.
// POST — register one (owner, signed-in staff only, same-origin): name, slug, callback URL
// (the CLI's rules); the client secret is in this answer and nowhere else.
import { withOrgRoute } from "@/app/_lib/org-route";
import { rejectMethodsExcept } from "@/app/_lib/method-not-allowed";
import { readJsonBody } from "@/lib/http/read-json-body";
import { listExternalSites, registerExternalSiteBodySchema, registerExternalSiteFromConsole } from "@/lib/admin/external-sites";

export const GET = withOrgRoute({ role: "viewer", mutation: false }, async ({ access }) =>
  Response.json({ sites: await listExternalSites({ orgId: access.org.id }) }),
);

export const POST = withOrgRoute({ role: "owner", mutation: true, staffOnly: true }, async ({ request, access, ip }) => {
  const input = await readJsonBody(request, registerExternalSiteBodySchema, { maxBytes: 4096 });
  return Response.json(await registerExternalSiteFromConsole({ orgId: access.org.id, actorStaffId: access.staff.id, input, ip }), { status: 201 });
});

export const { PUT, PATCH, DELETE } = rejectMethodsExcept("GET", "POST");
