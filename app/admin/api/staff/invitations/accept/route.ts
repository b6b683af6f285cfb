// POST /api/staff/invitations/accept — use a mailed invitation: a new account (name, password)
// or an existing one (its own password); single use; does not sign in (same-origin).
import { withPublicStaffRoute } from "@/app/_lib/staff-route";
import { rejectMethodsExcept } from "@/app/_lib/method-not-allowed";
import { readJsonBody } from "@/lib/http/read-json-body";
import { acceptInvitation, acceptInvitationBodySchema } from "@/lib/staff/invitations";

export const POST = withPublicStaffRoute(async ({ request, ip }) => {
  const body = await readJsonBody(request, acceptInvitationBodySchema, { maxBytes: 4096 });
  return Response.json(await acceptInvitation({ body, ip }));
});

export const { GET, PUT, PATCH, DELETE } = rejectMethodsExcept("POST");
