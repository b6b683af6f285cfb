// DELETE /api/orgs/<slug>/sso-tokens/<id> — revoke one browser's SSO token and every site
// session linked to it (owner/admin, same-origin, audited as admin.session_revoked).
import { withOrgRoute } from "@/app/_lib/org-route";
import { revokeSsoToken } from "@/lib/admin/readers";
import { MANAGE_ROLE } from "@/lib/admin/roles";
import { rejectMethodsExcept } from "@/app/_lib/method-not-allowed";

export const DELETE = withOrgRoute<{ orgSlug: string; tokenId: string }>({ role: MANAGE_ROLE, mutation: true }, async ({ params, access, ip }) =>
  Response.json(await revokeSsoToken({ orgId: access.org.id, tokenId: params.tokenId, actorStaffId: access.staff.id, ip })),
);

export const { GET, POST, PUT, PATCH } = rejectMethodsExcept("DELETE");
