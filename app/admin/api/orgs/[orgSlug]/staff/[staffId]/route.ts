// PATCH /api/orgs/<slug>/staff/<id> — change a member's role; DELETE — remove them. Owners only,
// same-origin, audited; the organisation always keeps one owner (409).
import { withOrgRoute } from "@/app/_lib/org-route";
import { rejectMethodsExcept } from "@/app/_lib/method-not-allowed";
import { readJsonBody } from "@/lib/http/read-json-body";
import { changeRoleBodySchema, changeStaffRole, removeStaffMember, staffMemberParamsSchema } from "@/lib/staff/team";

type Params = { orgSlug: string; staffId: string };

export const PATCH = withOrgRoute<Params>({ role: "owner", mutation: true, staffOnly: true }, async ({ request, params, access, ip }) => {
  const { staffId } = staffMemberParamsSchema.parse(params);
  const { role } = await readJsonBody(request, changeRoleBodySchema, { maxBytes: 1024 });
  return Response.json(await changeStaffRole({ orgId: access.org.id, staffId, role, actorStaffId: access.staff.id, ip }));
});

export const DELETE = withOrgRoute<Params>({ role: "owner", mutation: true, staffOnly: true }, async ({ params, access, ip }) => {
  const { staffId } = staffMemberParamsSchema.parse(params);
  return Response.json(await removeStaffMember({ orgId: access.org.id, staffId, actorStaffId: access.staff.id, ip }));
});

export const { GET, POST, PUT } = rejectMethodsExcept("PATCH", "DELETE");
