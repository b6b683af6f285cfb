// PUT /api/orgs/<slug>/staff-two-factor — which staff must sign in with a second factor:
// {"policy": "off"|"owners"|"everyone"} (owners only, same-origin, audited old → new).
import { withOrgRoute } from "@/app/_lib/org-route";
import { rejectMethodsExcept } from "@/app/_lib/method-not-allowed";
import { readJsonBody } from "@/lib/http/read-json-body";
import { setTwoFactorPolicy, twoFactorPolicyBodySchema } from "@/lib/staff/team";

export const PUT = withOrgRoute({ role: "owner", mutation: true, staffOnly: true }, async ({ request, access, ip }) => {
  const { policy } = await readJsonBody(request, twoFactorPolicyBodySchema, { maxBytes: 1024 });
  return Response.json(await setTwoFactorPolicy({ orgId: access.org.id, policy, actorStaffId: access.staff.id, ip }));
});

export const { GET, POST, PATCH, DELETE } = rejectMethodsExcept("PUT");
