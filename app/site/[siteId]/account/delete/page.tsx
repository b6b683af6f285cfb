// GET /account/delete?token=… — the page an account-deletion link opens. It only shows what the
// link would do and a button; the button's POST (/api/account/delete/confirm) uses the link.
// A GET never does: mail scanners and link previews fetch links before the reader does.
import type { Metadata } from "next";
import Link from "next/link";
import { LinkConfirmButton } from "@/components/site/link-confirm-button";
import { peekAccountDeletion } from "@/lib/account/delete-account";
import { getSiteBranding } from "@/lib/sites/get-site-branding";

export const metadata: Metadata = { title: "Delete your account", referrer: "no-referrer" };

type Props = { params: Promise<{ siteId: string }>; searchParams: Promise<{ token?: string | string[] }> };

export default async function ConfirmDeletionPage({ params, searchParams }: Props) {
  const [{ siteId }, query] = await Promise.all([params, searchParams]);
  const token = typeof query.token === "string" ? query.token : "";
  const site = await getSiteBranding(siteId);
  const deletion = site && token ? await peekAccountDeletion({ orgId: site.orgId, token }) : null;
  return (
    <div className="panel">
      <h1>Delete your account</h1>
      {deletion ? (
        <>
          <p>
            Delete the account <bdi>{deletion.email}</bdi> on {site?.orgName}&apos;s sites? You are signed out everywhere and your profile is erased. This cannot be undone.
          </p>
          <LinkConfirmButton path="/api/account/delete/confirm" token={token} label="Delete my account" />
        </>
      ) : (
        <p role="alert" className="form-error">
          This link has expired or was already used. Ask for a new one from your account page.
        </p>
      )}
      <p className="notice">
        <Link href="/">Back to the front page</Link>
      </p>
    </div>
  );
}
