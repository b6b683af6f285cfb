// POST /api/orgs/<slug>/readers/<id>/export — a reader's data as a JSON download, for a request
// the organisation answers on the reader's behalf (owner/admin, same-origin, audited as
// reader.data_exported with the staff member).
import { withOrgRoute } from "@/app/_lib/org-route";
import { MANAGE_ROLE } from "@/lib/admin/roles";
import { rejectMethodsExcept } from "@/app/_lib/method-not-allowed";
import { exportReaderData, exportResponse } from "@/lib/account/export-data";

export const POST = withOrgRoute<{ orgSlug: string; readerId: string }>({ role: MANAGE_ROLE, mutation: true }, async ({ params, access, ip }) =>
  exportResponse(await exportReaderData({ orgId: access.org.id, readerId: params.readerId, actorStaffId: access.staff.id, ip })),
);

export const { GET, PUT, PATCH, DELETE } = rejectMethodsExcept("POST");
