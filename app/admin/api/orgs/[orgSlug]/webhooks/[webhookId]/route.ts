// DELETE /api/orgs/<slug>/webhooks/<id> — stop a webhook (owner, signed-in staff only,
// same-origin); its pending deliveries are dropped, its log stays. Audited as admin.webhook_deleted.
import { withOrgRoute } from "@/app/_lib/org-route";
import { rejectMethodsExcept } from "@/app/_lib/method-not-allowed";
import { deleteWebhook } from "@/lib/webhooks/webhooks";

export const DELETE = withOrgRoute<{ orgSlug: string; webhookId: string }>({ role: "owner", mutation: true, staffOnly: true }, async ({ params, access, ip }) => {
  await deleteWebhook({ orgId: access.org.id, webhookId: params.webhookId, actorStaffId: access.staff.id, ip });
  return Response.json({ deleted: true });
});

export const { GET, POST, PUT, PATCH } = rejectMethodsExcept("DELETE");
