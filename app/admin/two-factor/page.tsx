// GET /two-factor on the admin host — the second step of a staff sign-in: the code from the
// authenticator app (or a recovery code). Staff who must set one up first go to enrolment.
import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getStaffSession } from "@/lib/admin/current-staff";
import { afterSignInPath } from "@/lib/admin/page-access";
import { AdminPlainPage } from "@/components/admin/admin-plain-page";
import { SignOutButton } from "@/components/admin/sign-out-button";
import { SecondFactorForm } from "@/components/admin/staff/second-factor-form";

export const metadata: Metadata = { title: "Two-factor sign-in · multisite-sso admin" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function SecondFactorPage({ searchParams }: Props) {
  const { next } = await searchParams;
  const session = await getStaffSession();
  if (!session.staff) redirect("/");
  const nextPath = afterSignInPath({ next: typeof next === "string" ? next : null, firstOrgSlug: session.memberships[0]?.slug ?? null });
  if (session.secondFactor === null) redirect(nextPath);
  if (session.secondFactor === "enrol") redirect(`/two-factor/enrol?next=${encodeURIComponent(nextPath)}`);
  return (
    <AdminPlainPage>
      <div className="panel">
        <h1>Two-factor sign-in</h1>
        <p>Open the authenticator app on your phone and type the code it shows for {session.staff.email}.</p>
        <SecondFactorForm next={nextPath} />
        <p className="notice">
          Not you? <SignOutButton />
        </p>
      </div>
    </AdminPlainPage>
  );
}
