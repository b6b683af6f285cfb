// GET /api/orgs/<slug>/device-limit — the organisation's concurrent-device limit (any role).
// PUT /api/orgs/<slug>/device-limit — change it (owner/admin, same-origin): {"limit", "policy"},
// strict; audited as sso.device_limit_changed; in force at the next sign-in.
import { readJsonBody } from "@/lib/http/read-json-body";
import { withOrgRoute } from "@/app/_lib/org-route";
import { deviceLimitSettingsSchema, getDeviceLimitSettings, updateDeviceLimitSettings } from "@/lib/admin/device-limit-settings";
import { MANAGE_ROLE } from "@/lib/admin/roles";
import { rejectMethodsExcept } from "@/app/_lib/method-not-allowed";

const MAX_BODY_BYTES = 1024;

export const GET = withOrgRoute({ role: "viewer", mutation: false }, async ({ access }) => Response.json(await getDeviceLimitSettings({ orgId: access.org.id })));

export const PUT = withOrgRoute({ role: MANAGE_ROLE, mutation: true }, async ({ request, access, ip }) => {
  const settings = await readJsonBody(request, deviceLimitSettingsSchema, { maxBytes: MAX_BODY_BYTES });
  return Response.json(await updateDeviceLimitSettings({ orgId: access.org.id, actorStaffId: access.staff.id, settings, ip }));
});

export const { POST, PATCH, DELETE } = rejectMethodsExcept("GET", "PUT");
