// GET /api/orgs/<slug>/api-tokens — the organisation's API tokens (never the tokens themselves).
// POST — create one (owner, signed-in staff only: a token cannot mint tokens; same-origin): the
// token is in this answer and nowhere else, ever. README, "API tokens".
import { withOrgRoute } from "@/app/_lib/org-route";
import { rejectMethodsExcept } from "@/app/_lib/method-not-allowed";
import { readJsonBody } from "@/lib/http/read-json-body";
import { createApiToken, createApiTokenBodySchema, listApiTokens } from "@/lib/admin/api-tokens";

export const GET = withOrgRoute({ role: "viewer", mutation: false }, async ({ access }) =>
  Response.json({ tokens: await listApiTokens({ orgId: access.org.id }) }),
);

export const POST = withOrgRoute({ role: "owner", mutation: true, staffOnly: true }, async ({ request, access, ip }) => {
  const input = await readJsonBody(request, createApiTokenBodySchema, { maxBytes: 1024 });
  return Response.json(await createApiToken({ orgId: access.org.id, actorStaffId: access.staff.id, input, ip }), { status: 201 });
});

export const { PUT, PATCH, DELETE } = rejectMethodsExcept("GET", "POST");
