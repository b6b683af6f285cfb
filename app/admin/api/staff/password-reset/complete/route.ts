// POST /api/staff/password-reset/complete — set a new password with a mailed link (single use);
// every session of the account ends; it does not sign in (same-origin).
import { withPublicStaffRoute } from "@/app/_lib/staff-route";
import { rejectMethodsExcept } from "@/app/_lib/method-not-allowed";
import { readJsonBody } from "@/lib/http/read-json-body";
import { completeStaffPasswordReset, staffResetCompleteSchema } from "@/lib/staff/staff-password-reset";

export const POST = withPublicStaffRoute(async ({ request, ip }) => {
  const body = await readJsonBody(request, staffResetCompleteSchema, { maxBytes: 4096 });
  return Response.json(await completeStaffPasswordReset({ body, ip }));
});

export const { GET, PUT, PATCH, DELETE } = rejectMethodsExcept("POST");
