// GET /orgs/<slug>/identity — Identity has one page so far: Settings.
import { redirect } from "next/navigation";
import { requireOrgPage } from "@/lib/admin/page-access";

export default async function IdentityHome({ params }: { params: Promise<{ orgSlug: string }> }) {
  const { orgSlug } = await params;
  const access = await requireOrgPage({ orgSlug, path: `/orgs/${orgSlug}/identity` });
  redirect(`/orgs/${access.org.slug}/identity/settings`);
}
