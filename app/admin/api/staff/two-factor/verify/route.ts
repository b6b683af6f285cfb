// POST /api/staff/two-factor/verify — the second step of a staff sign-in: a code from the
// authenticator app or a recovery code, throttled like passwords (same-origin).
import { withStaffRoute } from "@/app/_lib/staff-route";
import { rejectMethodsExcept } from "@/app/_lib/method-not-allowed";
import { readJsonBody } from "@/lib/http/read-json-body";
import { readDeviceSecret } from "@/lib/auth/sign-in-outcome";
import { isSecureAdminRequest } from "@/lib/admin/current-staff";
import { secondFactorBodySchema, verifySecondFactor } from "@/lib/staff/two-factor";

export const POST = withStaffRoute({ mutation: true, steps: ["verify"] }, async ({ request, ip, session }) => {
  const { code } = await readJsonBody(request, secondFactorBodySchema, { maxBytes: 1024 });
  const deviceSecret = readDeviceSecret(request.cookies, isSecureAdminRequest(request.headers));
  return Response.json(await verifySecondFactor({ staffId: session.staff.id, email: session.staff.email, sessionId: session.sessionId, code, ip, deviceSecret }));
});

export const { GET, PUT, PATCH, DELETE } = rejectMethodsExcept("POST");
