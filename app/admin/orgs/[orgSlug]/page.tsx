// GET /orgs/<slug> — the organisation's console opens on Identity › Settings.
import { redirect } from "next/navigation";
import { requireOrgPage } from "@/lib/admin/page-access";

export default async function OrgHome({ params }: { params: Promise<{ orgSlug: string }> }) {
  const { orgSlug } = await params;
  const access = await requireOrgPage({ orgSlug, path: `/orgs/${orgSlug}` });
  redirect(`/orgs/${access.org.slug}/identity/settings`);
}
