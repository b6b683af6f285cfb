// POST /api/orgs/<slug>/readers/<id>/verification {"siteSlug"} — mail the reader's confirmation
// link again, landing on that site (owner/admin, same-origin, audited as admin.verification_resent).
import { withOrgRoute } from "@/app/_lib/org-route";
import { readerMailBodySchema, staffResendVerification } from "@/lib/admin/reader-mail-actions";
import { MANAGE_ROLE } from "@/lib/admin/roles";
import { readJsonBody } from "@/lib/http/read-json-body";
import { rejectMethodsExcept } from "@/app/_lib/method-not-allowed";

export const POST = withOrgRoute<{ orgSlug: string; readerId: string }>({ role: MANAGE_ROLE, mutation: true }, async ({ request, params, access, ip }) => {
  const body = await readJsonBody(request, readerMailBodySchema, { maxBytes: 1024 });
  await staffResendVerification({ orgId: access.org.id, readerId: params.readerId, siteSlug: body.siteSlug, actorStaffId: access.staff.id, ip });
  return Response.json({ sent: true });
});

export const { GET, PUT, PATCH, DELETE } = rejectMethodsExcept("POST");
