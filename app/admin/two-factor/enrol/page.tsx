// GET /two-factor/enrol on the admin host — set up an authenticator app: a QR code (an SVG
// made on the server) and the same secret as text, then a code from the app to turn it on.
// Reached after the password when the organisation requires a second factor, or from the
// staff member's account page. A session that owes a code for the app in force cannot come here.
import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getStaffSession } from "@/lib/admin/current-staff";
import { afterSignInPath } from "@/lib/admin/page-access";
import { getOrStartEnrolment } from "@/lib/staff/two-factor";
import { AdminPlainPage } from "@/components/admin/admin-plain-page";
import { SignOutButton } from "@/components/admin/sign-out-button";
import { EnrolmentForm } from "@/components/admin/staff/enrolment-form";

export const metadata: Metadata = { title: "Set up two-factor sign-in · multisite-sso admin" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function EnrolmentPage({ searchParams }: Props) {
  const { next } = await searchParams;
  const session = await getStaffSession();
  if (!session.staff) redirect("/");
  const nextPath = afterSignInPath({ next: typeof next === "string" ? next : null, firstOrgSlug: session.memberships[0]?.slug ?? null });
  if (session.secondFactor === "verify") redirect(`/two-factor?next=${encodeURIComponent(nextPath)}`);
  const enrolment = await getOrStartEnrolment({ staffId: session.staff.id, email: session.staff.email });
  const qr = `data:image/svg+xml;base64,${Buffer.from(enrolment.qrSvg).toString("base64")}`;
  return (
    <AdminPlainPage>
      <div className="panel">
        <h1>Set up two-factor sign-in</h1>
        {session.secondFactor === "enrol" ? (
          <p className="admin-note">Your organisation asks its staff to sign in with a code from an authenticator app. Set one up to continue.</p>
        ) : null}
        {enrolment.replacing ? <p className="admin-note">This replaces the authenticator app you use now, once you confirm a code from the new one.</p> : null}
        <ol className="admin-steps">
          <li>Open an authenticator app on your phone (any app that reads TOTP codes).</li>
          <li>
            Scan this QR code:
            <br />
            <img src={qr} width={200} height={200} alt={`QR code to add ${session.staff.email} to an authenticator app`} className="admin-qr" />
          </li>
          <li>
            Or type this key instead: <code className="admin-secret">{enrolment.secret.match(/.{1,4}/g)?.join(" ")}</code>
          </li>
          <li>Type the code the app shows:</li>
        </ol>
        <EnrolmentForm next={nextPath} />
        <p className="notice">
          Not now? <SignOutButton />
        </p>
      </div>
    </AdminPlainPage>
  );
}
