// POST /api/orgs/<slug>/readers/<id>/logout — sign the reader out everywhere: every site
// session and SSO token of theirs (owner/admin, same-origin, audited as admin.session_revoked).
import { withOrgRoute } from "@/app/_lib/org-route";
import { revokeReaderSessions } from "@/lib/admin/readers";
import { MANAGE_ROLE } from "@/lib/admin/roles";
import { rejectMethodsExcept } from "@/app/_lib/method-not-allowed";

export const POST = withOrgRoute<{ orgSlug: string; readerId: string }>({ role: MANAGE_ROLE, mutation: true }, async ({ params, access, ip }) =>
  Response.json(await revokeReaderSessions({ orgId: access.org.id, readerId: params.readerId, actorStaffId: access.staff.id, ip })),
);

export const { GET, PUT, PATCH, DELETE } = rejectMethodsExcept("POST");
