// DELETE /api/orgs/<slug>/invitations/<id> — withdraw a pending invitation (owners only, same-origin).
import { withOrgRoute } from "@/app/_lib/org-route";
import { rejectMethodsExcept } from "@/app/_lib/method-not-allowed";
import { invitationParamsSchema, revokeInvitation } from "@/lib/staff/invitations";

export const DELETE = withOrgRoute<{ orgSlug: string; invitationId: string }>({ role: "owner", mutation: true, staffOnly: true }, async ({ params, access, ip }) => {
  const { invitationId } = invitationParamsSchema.parse(params);
  return Response.json(await revokeInvitation({ orgId: access.org.id, invitationId, actorStaffId: access.staff.id, ip }));
});

export const { GET, POST, PUT, PATCH } = rejectMethodsExcept("DELETE");
