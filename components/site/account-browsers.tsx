// The account page's sign-ins, one card per browser (SSO token): this browser first and marked,
// then the others, newest first; under each, its sites. A browser's card also says which sites
// the reader signed it out of (they stay signed out there until the reader signs in on them).
// Cards and wrapping rows rather than a table, so the page fits a 390 px phone.
import type { BrowserGroup } from "@/lib/account/group-sessions";
import type { AuthMethod } from "@/lib/generated/prisma/enums.ts";
import { ActionButton } from "./account-sessions";

const methodLabel: Record<AuthMethod, string> = {
  password: "signed in with password",
  register: "signed in at registration",
  sso_auto: "signed in automatically",
  sso_opt_in: "continued from another site",
  email_link: "signed in with a link sent by email",
  password_reset: "signed in after a password reset",
};

function formatTime(date: Date): string {
  return new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" }).format(date) + " UTC";
}

type SignedOutSites = Record<string, { siteId: string; siteName: string }[]>;

export function AccountBrowsers({ groups, signedOut }: { groups: BrowserGroup[]; signedOut: SignedOutSites }) {
  return (
    <ul className="browser-groups" data-testid="browser-groups">
      {groups.map((group) => {
        const headingId = `browser-${group.key.replace(/[^a-z0-9-]/gi, "")}`;
        const stillSignedOut = (group.tokenId ? (signedOut[group.tokenId] ?? []) : []).filter((s) => !group.sessions.some((session) => session.siteId === s.siteId));
        return (
          <li key={group.key} className="browser-group" data-testid="browser-group" data-this-browser={group.isThisBrowser ? "true" : undefined} aria-labelledby={headingId}>
            <h3 id={headingId} className="browser-name">
              {group.browser}
              {group.isThisBrowser ? <span className="badge">This browser</span> : null}
            </h3>
            <p className="notice">Last active {formatTime(group.lastSeenAt)}</p>
            <ul className="browser-sites">
              {group.sessions.map((s) => (
                <li key={s.id} className="browser-site" data-testid="session">
                  <div className="browser-site-text">
                    <strong>{s.siteName}</strong>
                    {s.isCurrent ? <span className="notice"> (this site)</span> : null}
                    <br />
                    <span className="notice">
                      {s.authMethod ? methodLabel[s.authMethod] : "signed in"} · last seen {formatTime(s.lastSeenAt)}
                    </span>
                  </div>
                  {s.isCurrent ? null : (
                    <ActionButton
                      label={`Sign out of ${s.siteName}`}
                      path={`/api/account/sessions/${s.id}/revoke`}
                      describedBy="site-sign-out-explained"
                    />
                  )}
                </li>
              ))}
            </ul>
            {stillSignedOut.length > 0 ? (
              <p className="notice signed-out-sites" data-testid="signed-out-sites">
                {`Signed out by you in this browser: ${stillSignedOut.map((s) => s.siteName).join(", ")}. ${stillSignedOut.length === 1 ? "It stays" : "They stay"} signed out here until you sign in there again.`}
              </p>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}
