// GET /api/orgs/<slug>/sso — the organisation's SSO settings (any role).
// PUT /api/orgs/<slug>/sso — change them (owner/admin, same-origin): {"mode", ...optional
// settings}, strict, ≤ 4 KiB; one audit row per changed field; in force on the next reader request.
import { readJsonBody } from "@/lib/http/read-json-body";
import { withOrgRoute } from "@/app/_lib/org-route";
import { getSsoSettings, updateSsoSettings } from "@/lib/admin/sso-settings";
import { ssoSettingsInputSchema } from "@/lib/admin/sso-settings-rules";
import { MANAGE_ROLE } from "@/lib/admin/roles";
import { rejectMethodsExcept } from "@/app/_lib/method-not-allowed";

const MAX_BODY_BYTES = 4096;

export const GET = withOrgRoute({ role: "viewer", mutation: false }, async ({ access }) =>
  Response.json(await getSsoSettings({ orgId: access.org.id })),
);

export const PUT = withOrgRoute({ role: MANAGE_ROLE, mutation: true }, async ({ request, access, ip }) => {
  const changes = await readJsonBody(request, ssoSettingsInputSchema, { maxBytes: MAX_BODY_BYTES });
  const { settings } = await updateSsoSettings({ orgId: access.org.id, actorStaffId: access.staff.id, changes, ip });
  return Response.json(settings);
});

export const { POST, PATCH, DELETE } = rejectMethodsExcept("GET", "PUT");
