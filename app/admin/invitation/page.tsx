// GET /invitation?token=… on the admin host — the page a mailed invitation opens: join the
// organisation with a new account, or with an existing staff account's own password.
import type { Metadata } from "next";
import { roleLabels } from "@/lib/admin/roles";
import { peekInvitation } from "@/lib/staff/invitations";
import { AdminPlainPage } from "@/components/admin/admin-plain-page";
import { InvitationForm } from "@/components/admin/staff/invitation-form";

export const metadata: Metadata = { title: "Invitation · multisite-sso admin", referrer: "no-referrer" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function InvitationPage({ searchParams }: Props) {
  const { token } = await searchParams;
  const invitation = typeof token === "string" ? await peekInvitation(token) : null;
  return (
    <AdminPlainPage>
      <div className="panel">
        {invitation && typeof token === "string" ? (
          <>
            <h1>Join {invitation.orgName}</h1>
            <p>
              You are invited to the staff of {invitation.orgName} as {roleLabels[invitation.role]}.{" "}
              {invitation.hasAccount ? "You already have a console account: confirm with its password." : "Choose your name and a password."}
            </p>
            <InvitationForm token={token} email={invitation.email} hasAccount={invitation.hasAccount} />
          </>
        ) : (
          <>
            <h1>This invitation cannot be used</h1>
            <p>It has expired, was withdrawn or was already used. Ask an owner of the organisation for a new one.</p>
            <a href="/">Go to the sign-in page</a>
          </>
        )}
      </div>
    </AdminPlainPage>
  );
}
