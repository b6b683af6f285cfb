// GET /api/orgs/<slug>/webhooks — the organisation's webhooks (never their secrets).
// POST — add one (owner, signed-in staff only, same-origin): URL (https, public address) and
// event types; the signing secret is in this answer and nowhere else. README, "Webhooks".
import { withOrgRoute } from "@/app/_lib/org-route";
import { rejectMethodsExcept } from "@/app/_lib/method-not-allowed";
import { readJsonBody } from "@/lib/http/read-json-body";
import { createWebhook, createWebhookBodySchema, listWebhooks } from "@/lib/webhooks/webhooks";

export const GET = withOrgRoute({ role: "viewer", mutation: false }, async ({ access }) =>
  Response.json({ webhooks: await listWebhooks({ orgId: access.org.id }) }),
);

export const POST = withOrgRoute({ role: "owner", mutation: true, staffOnly: true }, async ({ request, access, ip }) => {
  const input = await readJsonBody(request, createWebhookBodySchema, { maxBytes: 4096 });
  return Response.json(await createWebhook({ orgId: access.org.id, actorStaffId: access.staff.id, input, ip }), { status: 201 });
});

export const { PUT, PATCH, DELETE } = rejectMethodsExcept("GET", "POST");
