// DELETE /api/orgs/<slug>/api-tokens/<id> — revoke an API token (owner, signed-in staff only,
// same-origin); in force on the token's next request. Audited as admin.api_token_revoked.
import { withOrgRoute } from "@/app/_lib/org-route";
import { rejectMethodsExcept } from "@/app/_lib/method-not-allowed";
import { revokeApiToken } from "@/lib/admin/api-tokens";

export const DELETE = withOrgRoute<{ orgSlug: string; tokenId: string }>({ role: "owner", mutation: true, staffOnly: true }, async ({ params, access, ip }) =>
  Response.json(await revokeApiToken({ orgId: access.org.id, tokenId: params.tokenId, actorStaffId: access.staff.id, ip })),
);

export const { GET, POST, PUT, PATCH } = rejectMethodsExcept("DELETE");
