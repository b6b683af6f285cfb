// GET / on an organisation's auth domain — explains what this domain is for.
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getOrgSummary } from "@/lib/sites/get-org-summary";

type Props = { params: Promise<{ orgId: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const org = await getOrgSummary((await params).orgId);
  return { title: org ? `${org.name} sign-on` : "Not found", robots: { index: false } };
}

export default async function AuthDomainHome({ params }: Props) {
  const org = await getOrgSummary((await params).orgId);
  if (!org) notFound();
  return (
    <main className="container">
      <div className="panel">
        <h1>{org.name} sign-on</h1>
        <p>
          This domain only handles sign-on for {org.name}. It links your sign-in across the organisation&apos;s
          websites and has nothing to show you directly.
        </p>
      </div>
    </main>
  );
}
