// A path under an organisation that no page serves. The page guard runs first, so an anonymous
// visitor goes to sign-in (and learns nothing about which organisations exist) and everyone
// else gets the console's 404.
import { notFound } from "next/navigation";
import { requireOrgPage } from "@/lib/admin/page-access";

type Props = { params: Promise<{ orgSlug: string; missing: string[] }> };

export default async function MissingOrgPage({ params }: Props): Promise<never> {
  const { orgSlug, missing } = await params;
  await requireOrgPage({ orgSlug, path: `/orgs/${orgSlug}/${missing.map(encodeURIComponent).join("/")}` });
  notFound();
}
