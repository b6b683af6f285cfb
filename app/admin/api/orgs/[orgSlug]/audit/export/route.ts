// GET /api/orgs/<slug>/audit/export?format=csv|json[&type&from&to&actor] — the audit log of
// the filtered range as a download (any role; an API token works too), streamed, newest first,
// at most lib/admin/audit-export.ts EXPORT_MAX_ROWS rows.
import { withOrgRoute } from "@/app/_lib/org-route";
import { rejectMethodsExcept } from "@/app/_lib/method-not-allowed";
import { parseQuery } from "@/lib/http/parse-query";
import { auditExportQuerySchema, auditExportStream } from "@/lib/admin/audit-export";

export const GET = withOrgRoute({ role: "viewer", mutation: false }, async ({ request, access }) => {
  const query = parseQuery(request.nextUrl.searchParams, auditExportQuerySchema);
  const csv = query.format === "csv";
  return new Response(auditExportStream({ orgId: access.org.id, query }), {
    headers: {
      "content-type": csv ? "text/csv; charset=utf-8; header=present" : "application/json; charset=utf-8",
      "content-disposition": `attachment; filename="audit-${access.org.slug}.${query.format}"`,
      "x-content-type-options": "nosniff",
    },
  });
});

export const { POST, PUT, PATCH, DELETE } = rejectMethodsExcept("GET");
