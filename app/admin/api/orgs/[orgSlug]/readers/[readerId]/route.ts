// DELETE /api/orgs/<slug>/readers/<id> — delete a reader's account: every session and SSO token
// revoked, personal data erased, audit rows anonymised, the address free again (owner/admin,
// same-origin, audited as reader.deleted with the staff member).
import { withOrgRoute } from "@/app/_lib/org-route";
import { MANAGE_ROLE } from "@/lib/admin/roles";
import { rejectMethodsExcept } from "@/app/_lib/method-not-allowed";
import { jsonResponse } from "@/lib/http/json-response";
import { adminDeleteReaderResponseSchema, eraseReader } from "@/lib/account/delete-account";

export const DELETE = withOrgRoute<{ orgSlug: string; readerId: string }>({ role: MANAGE_ROLE, mutation: true }, async ({ params, access, ip }) => {
  const erased = await eraseReader({ orgId: access.org.id, readerId: params.readerId, actorStaffId: access.staff.id, ip, how: "staff" });
  return jsonResponse(adminDeleteReaderResponseSchema, { deleted: true, ...erased });
});

export const { GET, POST, PUT, PATCH } = rejectMethodsExcept("DELETE");
