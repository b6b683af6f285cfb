// GET /account — the reader's sessions across the organisation's sites and devices, sign-out
// scopes, and the sites they chose to continue on in Opt In.
import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { ActionButton } from "@/components/site/account-sessions";
import { listReaderSessions, type ReaderSessionRow } from "@/lib/account/list-reader-sessions";
import { getSiteBranding } from "@/lib/sites/get-site-branding";
import { getSiteViewer } from "@/lib/sso/get-site-viewer";
import { isLogoutScopeAllowed } from "@/lib/sso/modes";

export const metadata: Metadata = { title: "Your account" };

const methodLabel: Record<string, string> = {
  password: "Password",
  register: "Registration",
  sso_auto: "Automatic sign-on",
  sso_opt_in: "Continued from another site",
};

function formatTime(date: Date): string {
  return new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" }).format(date) + " UTC";
}

export default async function AccountPage({ params }: { params: Promise<{ siteId: string }> }) {
  const { siteId } = await params;
  const [viewer, site] = await Promise.all([getSiteViewer(), getSiteBranding(siteId)]);
  const reader = viewer?.reader;
  if (!viewer || !reader || !viewer.sessionId || !site) redirect("/signin?return=/account");
  const sessions = await listReaderSessions({ orgId: site.orgId, readerId: reader.id, currentSessionId: viewer.sessionId, currentTokenId: viewer.tokenId });
  const consents = [...new Map(sessions.filter((s) => s.authMethod === "sso_opt_in").map((s) => [s.siteId, s])).values()];
  const scopes = (["THIS_DEVICE", "OTHER_DEVICES", "EVERYWHERE"] as const).filter((scope) => isLogoutScopeAllowed(viewer.mode, scope));
  const scopeLabel = { THIS_DEVICE: "Sign out of this device", OTHER_DEVICES: "Sign out of other devices", EVERYWHERE: "Sign out everywhere" };

  return (
    <>
      <h1>Your account</h1>
      <p className="lede">
        Signed in as {reader.displayName ? `${reader.displayName} (${reader.email})` : reader.email} on {site.orgName}&apos;s sites.
      </p>

      <h2>Where you&apos;re signed in</h2>
      <table className="data-table" data-testid="sessions">
        <caption className="visually-hidden">Your signed-in sessions</caption>
        <thead>
          <tr>
            <th scope="col">Site</th>
            <th scope="col">Browser</th>
            <th scope="col">Last seen</th>
            <th scope="col">How</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {sessions.map((s: ReaderSessionRow) => (
            <tr key={s.id}>
              <td>
                {s.siteName}
                {s.isCurrent ? <strong> (here)</strong> : s.isThisDevice ? " (this browser)" : ""}
              </td>
              <td>{s.browser}</td>
              <td>{formatTime(s.lastSeenAt)}</td>
              <td>{s.authMethod ? methodLabel[s.authMethod] : "—"}</td>
              <td>{s.isCurrent ? null : <ActionButton label={`Sign out of ${s.siteName}`} path={`/api/account/sessions/${s.id}/revoke`} />}</td>
            </tr>
          ))}
        </tbody>
      </table>

      <h2>Sign out</h2>
      <div className="button-row">
        {scopes.map((scope) => (
          <ActionButton key={scope} label={scopeLabel[scope]} path="/api/logout" body={{ where: scope }} after={scope === "OTHER_DEVICES" ? "reload" : "home"} />
        ))}
      </div>

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
    </>
  );
}
