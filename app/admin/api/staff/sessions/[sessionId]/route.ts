// DELETE /api/staff/sessions/<id> — end one of my own console sessions (same-origin, audited).
import { withStaffRoute } from "@/app/_lib/staff-route";
import { rejectMethodsExcept } from "@/app/_lib/method-not-allowed";
import { ownSessionParamsSchema, revokeOwnStaffSession } from "@/lib/staff/own-sessions";

export const DELETE = withStaffRoute<{ sessionId: string }>({ mutation: true, steps: [null] }, async ({ params, ip, session }) => {
  const { sessionId } = ownSessionParamsSchema.parse(params);
  return Response.json(await revokeOwnStaffSession({ staffId: session.staff.id, sessionId, currentSessionId: session.sessionId, ip }));
});

export const { GET, POST, PUT, PATCH } = rejectMethodsExcept("DELETE");
