// GET / on the admin host — staff sign-in; a signed-in staff member goes on to their first
// organisation (or to the page they were sent here from).
import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getStaffSession } from "@/lib/admin/current-staff";
import { afterSignInPath } from "@/lib/admin/page-access";
import { SignInForm } from "@/components/admin/sign-in-form";
import { SignOutButton } from "@/components/admin/sign-out-button";
import { AdminPlainPage } from "@/components/admin/admin-plain-page";

export const metadata: Metadata = { title: "Staff sign-in · multisite-sso admin" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function AdminHome({ searchParams }: Props) {
  const { next } = await searchParams;
  const nextPath = typeof next === "string" ? next : null;
  const session = await getStaffSession();
  // Password done, second factor due: finish signing in first (lib/staff/two-factor-policy.ts).
  if (session.staff && session.secondFactor !== null) redirect(`/two-factor${nextPath ? `?next=${encodeURIComponent(nextPath)}` : ""}`);
  if (session.staff && session.memberships.length > 0) {
    redirect(afterSignInPath({ next: nextPath, firstOrgSlug: session.memberships[0]?.slug ?? null }));
  }
  return (
    <AdminPlainPage>
        {session.staff ? (
          <div className="panel">
            <h1>No organisation</h1>
            <p>
              You are signed in as {session.staff.email}, but you are not a member of any organisation. Ask an owner of your organisation to add
              you.
            </p>
            <SignOutButton />
          </div>
        ) : (
          <div className="panel">
            <h1>Staff sign-in</h1>
            <SignInForm next={afterSignInPath({ next: nextPath, firstOrgSlug: null })} />
            <p className="notice">For the staff of the organisations on this platform. Readers sign in on the sites.</p>
          </div>
        )}
    </AdminPlainPage>
  );
}
