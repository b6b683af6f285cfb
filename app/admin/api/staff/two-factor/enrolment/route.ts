// POST /api/staff/two-factor/enrolment — confirm the authenticator being set up with a code
// from it; answers the ten recovery codes, once (same-origin). A session that owes a code for
// an authenticator already in force cannot replace it.
import { withStaffRoute } from "@/app/_lib/staff-route";
import { rejectMethodsExcept } from "@/app/_lib/method-not-allowed";
import { readJsonBody } from "@/lib/http/read-json-body";
import { confirmEnrolment, confirmEnrolmentBodySchema } from "@/lib/staff/two-factor";

export const POST = withStaffRoute({ mutation: true, steps: ["enrol", null] }, async ({ request, ip, session }) => {
  const { code } = await readJsonBody(request, confirmEnrolmentBodySchema, { maxBytes: 1024 });
  return Response.json(await confirmEnrolment({ staffId: session.staff.id, sessionId: session.sessionId, code, ip }));
});

export const { GET, PUT, PATCH, DELETE } = rejectMethodsExcept("POST");
