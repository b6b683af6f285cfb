// DELETE /api/orgs/<slug>/site-sessions/<id> — revoke one reader's session on one site
// (owner/admin, same-origin, audited as admin.session_revoked).
import { withOrgRoute } from "@/app/_lib/org-route";
import { revokeSiteSession } from "@/lib/admin/readers";
import { MANAGE_ROLE } from "@/lib/admin/roles";
import { rejectMethodsExcept } from "@/app/_lib/method-not-allowed";

export const DELETE = withOrgRoute<{ orgSlug: string; sessionId: string }>({ role: MANAGE_ROLE, mutation: true }, async ({ params, access, ip }) =>
  Response.json(await revokeSiteSession({ orgId: access.org.id, sessionId: params.sessionId, actorStaffId: access.staff.id, ip })),
);

export const { GET, POST, PUT, PATCH } = rejectMethodsExcept("DELETE");
