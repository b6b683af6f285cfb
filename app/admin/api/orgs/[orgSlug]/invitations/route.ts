// POST /api/orgs/<slug>/invitations — invite someone to the staff by mail (owners only,
// same-origin, audited as staff.invited).
import { withOrgRoute } from "@/app/_lib/org-route";
import { rejectMethodsExcept } from "@/app/_lib/method-not-allowed";
import { readJsonBody } from "@/lib/http/read-json-body";
import { formatOrigin, getRequestOrigin } from "@/lib/http/request-origin";
import { ApiError } from "@/lib/errors";
import { inviteBodySchema, inviteStaff } from "@/lib/staff/invitations";

export const POST = withOrgRoute({ role: "owner", mutation: true, staffOnly: true }, async ({ request, access, ip }) => {
  const { email, role } = await readJsonBody(request, inviteBodySchema, { maxBytes: 2048 });
  const origin = getRequestOrigin(request);
  if (!origin) throw new ApiError("bad_request", "No Host header.");
  const invited = await inviteStaff({ orgId: access.org.id, orgName: access.org.name, email, role, inviter: access.staff, consoleOrigin: formatOrigin(origin), ip });
  return Response.json(invited, { status: 201 });
});

export const { GET, PUT, PATCH, DELETE } = rejectMethodsExcept("POST");
