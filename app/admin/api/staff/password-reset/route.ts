// POST /api/staff/password-reset — mail a staff member a link to choose a new password; the
// same answer whatever the address (same-origin, budgets per network and per address).
import { withPublicStaffRoute } from "@/app/_lib/staff-route";
import { rejectMethodsExcept } from "@/app/_lib/method-not-allowed";
import { readJsonBody } from "@/lib/http/read-json-body";
import { requestStaffPasswordReset, staffResetRequestSchema } from "@/lib/staff/staff-password-reset";

export const POST = withPublicStaffRoute(async ({ request, ip, consoleOrigin }) => {
  const { email } = await readJsonBody(request, staffResetRequestSchema, { maxBytes: 2048 });
  return Response.json(await requestStaffPasswordReset({ email, consoleOrigin, ip }), { status: 202 });
});

export const { GET, PUT, PATCH, DELETE } = rejectMethodsExcept("POST");
