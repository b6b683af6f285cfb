// GET /api/orgs/<slug>/staff — the organisation's staff, pending invitations and two-factor rule (any role).
import { withOrgRoute } from "@/app/_lib/org-route";
import { rejectMethodsExcept } from "@/app/_lib/method-not-allowed";
import { getTeam } from "@/lib/staff/team";

export const GET = withOrgRoute({ role: "viewer", mutation: false }, async ({ access }) => Response.json(await getTeam({ orgId: access.org.id })));

export const { POST, PUT, PATCH, DELETE } = rejectMethodsExcept("GET");
