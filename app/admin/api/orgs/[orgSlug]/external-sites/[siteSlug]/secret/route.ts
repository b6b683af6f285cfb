// POST /api/orgs/<slug>/external-sites/<site>/secret — a new client secret (owner, signed-in
// staff only, same-origin), shown once; the previous one keeps working `graceSeconds` (≤ 7 days).
// The CLI's rotation (lib/sso/external/site-client.ts), audited as sso.client_secret_rotated.
import { withOrgRoute } from "@/app/_lib/org-route";
import { rejectMethodsExcept } from "@/app/_lib/method-not-allowed";
import { readJsonBody } from "@/lib/http/read-json-body";
import { rotateExternalSiteSecret, rotateSecretBodySchema } from "@/lib/admin/external-sites";

export const POST = withOrgRoute<{ orgSlug: string; siteSlug: string }>({ role: "owner", mutation: true, staffOnly: true }, async ({ request, params, access }) => {
  const { graceSeconds } = await readJsonBody(request, rotateSecretBodySchema, { maxBytes: 1024 });
  return Response.json(await rotateExternalSiteSecret({ orgId: access.org.id, orgSlug: access.org.slug, siteSlug: params.siteSlug, graceSeconds, actorStaffId: access.staff.id }));
});

export const { GET, PUT, PATCH, DELETE } = rejectMethodsExcept("POST");
