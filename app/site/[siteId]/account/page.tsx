// GET /account — the reader's sign-ins grouped by browser (this one first), the sites each
// browser was signed out of, the sign-out scopes, and the sites they continued on in Opt In.
import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { AccountSessionsList } from "@/components/site/account-sessions-list";
import { ActionButton } from "@/components/site/account-sessions";
import { ChangeEmailForm, ChangePasswordForm } from "@/components/site/account-security-forms";
import { DeleteAccountForm, ExportDataButton } from "@/components/site/account-data-rights";
import { listReaderSessions } from "@/lib/account/list-reader-sessions";
import { getSiteBranding } from "@/lib/sites/get-site-branding";
import { getSiteViewer } from "@/lib/sso/get-site-viewer";
import { isLogoutScopeAllowed } from "@/lib/sso/modes";

export const metadata: Metadata = { title: "Your account" };

export default async function AccountPage({ params }: { params: Promise<{ siteId: string }> }) {
  const { siteId } = await params;
  const [viewer, site] = await Promise.all([getSiteViewer(), getSiteBranding(siteId)]);
  const reader = viewer?.reader;
  if (!viewer || !reader || !viewer.sessionId || !site) redirect("/signin?return=/account");
  const sessions = await listReaderSessions({ orgId: site.orgId, readerId: reader.id, currentSessionId: viewer.sessionId, currentTokenId: viewer.tokenId });
  const consents = [...new Map(sessions.filter((s) => s.authMethod === "sso_opt_in").map((s) => [s.siteId, s])).values()];
  // "Other browsers" is the sessions API's revoke-others, offered in every mode (lib/account/own-sessions.ts).
  const scopes = (["THIS_DEVICE", "OTHER_DEVICES", "EVERYWHERE"] as const).filter((scope) => scope === "OTHER_DEVICES" || isLogoutScopeAllowed(viewer.mode, scope));
  const scopePath = { THIS_DEVICE: "/api/logout", OTHER_DEVICES: "/api/account/sessions/revoke-others", EVERYWHERE: "/api/logout" };
  const scopeLabel = { THIS_DEVICE: "Sign out of this browser", OTHER_DEVICES: "Sign out of other browsers", EVERYWHERE: "Sign out everywhere" };
  const scopeText = {
    THIS_DEVICE: `Every ${site.orgName} site in this browser.`,
    OTHER_DEVICES: "Every other browser and device; this one stays signed in.",
    EVERYWHERE: "Every browser and device, this one included.",
  };

  return (
    <div className="account-page">
      <h1>Your account</h1>
      <p className="lede">
        Signed in as <bdi>{reader.displayName ? `${reader.displayName} (${reader.email})` : reader.email}</bdi> on {site.orgName}&apos;s sites.
      </p>

      <h2>Where you&apos;re signed in</h2>
      <p className="notice" id="site-sign-out-explained">
        Signing out of one site keeps that browser signed out of it — {site.orgName}&apos;s other sites will not sign you back in there — until you
        sign in on that site again.
      </p>
      <AccountSessionsList />

      <h2>Sign out</h2>
      <ul className="scope-list">
        {scopes.map((scope) => (
          <li key={scope}>
            <ActionButton label={scopeLabel[scope]} path={scopePath[scope]} body={scope === "OTHER_DEVICES" ? {} : { where: scope }} after={scope === "OTHER_DEVICES" ? "reload" : "home"} />
            <span className="notice">{scopeText[scope]}</span>
          </li>
        ))}
      </ul>

      <h2>Change password</h2>
      <ChangePasswordForm />

      <h2>Change email</h2>
      <p className="notice">
        We send a link to the new address; your account keeps <bdi>{reader.email}</bdi> until you open it, and we tell that address about the change.
      </p>
      <ChangeEmailForm currentEmail={reader.email} />

      {viewer.mode === "opt_in" || consents.length > 0 ? (
        <>
          <h2>Sites you continued on</h2>
          {consents.length === 0 ? (
            <p className="notice">You have not continued your sign-in on any other site.</p>
          ) : (
            <ul className="consent-list" data-testid="consents">
              {consents.map((c) => (
                <li key={c.siteId}>
                  {c.siteName}{" "}
                  <ActionButton label={`Withdraw for ${c.siteName}`} path={`/api/account/consents/${c.siteId}/withdraw`} />
                </li>
              ))}
            </ul>
          )}
        </>
      ) : null}

      <h2>Your data</h2>
      <p className="notice">Download everything {site.orgName} keeps about you: your profile, where you are signed in, consents and the record of your account&apos;s events.</p>
      <ExportDataButton />
      <h3>Delete your account</h3>
      <p className="notice">
        Deleting your account signs you out everywhere and erases your profile on all of {site.orgName}&apos;s sites. It cannot be undone.
      </p>
      <DeleteAccountForm email={reader.email} />
    </div>
  );
}
