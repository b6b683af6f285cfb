// GET /account/email?token=… — the page a change-of-email link opens. It only shows what the
// link would do and a button; the button's POST (/api/account/email/confirm) uses the link.
// A GET never does: mail scanners and link previews fetch links before the reader does.
import type { Metadata } from "next";
import Link from "next/link";
import { ConfirmEmailChangeButton } from "@/components/site/account-security-forms";
import { peekEmailChange } from "@/lib/account/change-email";
import { getSiteBranding } from "@/lib/sites/get-site-branding";

export const metadata: Metadata = { title: "Confirm your new email", referrer: "no-referrer" };

type Props = { params: Promise<{ siteId: string }>; searchParams: Promise<{ token?: string | string[] }> };

export default async function ConfirmEmailPage({ params, searchParams }: Props) {
  const [{ siteId }, query] = await Promise.all([params, searchParams]);
  const token = typeof query.token === "string" ? query.token : "";
  const site = await getSiteBranding(siteId);
  const change = site && token ? await peekEmailChange({ orgId: site.orgId, token }) : null;
  return (
    <div className="panel">
      <h1>Confirm your new email</h1>
      {change ? (
        <>
          <p>
            Use <bdi>{change.newEmail}</bdi> for your account on {site?.orgName}&apos;s sites?
          </p>
          <ConfirmEmailChangeButton token={token} newEmail={change.newEmail} />
        </>
      ) : (
        <p role="alert" className="form-error">
          This link has expired or was already used. Ask for a new one from your account page.
        </p>
      )}
      <p className="notice">
        <Link href="/account">Your account</Link>
      </p>
    </div>
  );
}
