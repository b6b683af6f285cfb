// POST /api/orgs/<slug>/mail/<id>/retry — put one dead letter back to pending now, attempts
// reset (owner/admin, same-origin, audited as mail.retried).
import { withOrgRoute } from "@/app/_lib/org-route";
import { retryDeadMail } from "@/lib/admin/outbox";
import { MANAGE_ROLE } from "@/lib/admin/roles";
import { rejectMethodsExcept } from "@/app/_lib/method-not-allowed";

export const POST = withOrgRoute<{ orgSlug: string; mailId: string }>({ role: MANAGE_ROLE, mutation: true }, async ({ params, access, ip }) => {
  await retryDeadMail({ orgId: access.org.id, mailId: params.mailId, actorStaffId: access.staff.id, ip });
  return Response.json({ retried: true });
});

export const { GET, PUT, PATCH, DELETE } = rejectMethodsExcept("POST");
