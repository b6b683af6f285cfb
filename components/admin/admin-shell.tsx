// The frame of every organisation page of the console: a skip link, the top bar (organisation
// switcher, who is signed in, sign out) and the navigation. Presentational: props in, no data
// access. Tab order: skip link, the console's home, the organisation, then who is signed in and
// Sign out, then the navigation — Sign out is never the first stop.
import Link from "next/link";
import type { ReactNode } from "react";
import { roleLabels, type StaffRole } from "@/lib/admin/roles";
import { SignOutButton } from "./sign-out-button";

export type AdminSection = "settings" | "mail" | "sites" | "readers" | "audit" | "activity" | "team" | "account" | "api-tokens" | "webhooks" | "external-sites";

const sectionPaths: Record<AdminSection, string> = {
  settings: "identity/settings",
  mail: "identity/mail",
  sites: "sites",
  readers: "readers",
  audit: "audit",
  activity: "activity",
  team: "team",
  account: "account",
  "api-tokens": "api-tokens",
  webhooks: "webhooks",
  "external-sites": "external-sites",
};

type Props = {
  org: { slug: string; name: string };
  role: StaffRole;
  staff: { name: string; email: string };
  memberships: { slug: string; name: string; role: StaffRole }[];
  /** The section this page belongs to; null on pages of no section (not found). */
  current: AdminSection | null;
  children: ReactNode;
};

function NavLink({ org, section, current, children }: { org: string; section: AdminSection; current: AdminSection | null; children: ReactNode }) {
  return (
    <Link href={`/orgs/${org}/${sectionPaths[section]}`} aria-current={section === current ? "page" : undefined} className="admin-nav-link">
      {children}
    </Link>
  );
}

/** The skip link and the console's name: the first things on every console page. */
export function AdminTopbarStart({ homeHref }: { homeHref: string }) {
  return (
    <>
      <a href="#main" className="admin-skip-link">
        Skip to main content
      </a>
      <Link href={homeHref} className="admin-brand">
        multisite-sso · Admin console
      </Link>
    </>
  );
}

/** The console's navigation for one organisation. */
export function AdminNav({ orgSlug, current }: { orgSlug: string; current: AdminSection | null }) {
  return (
    <nav className="admin-nav" aria-label="Console">
      <p className="admin-nav-group" id="admin-nav-identity">
        Identity
      </p>
      <ul aria-labelledby="admin-nav-identity">
        <li>
          <NavLink org={orgSlug} section="settings" current={current}>
            Settings
          </NavLink>
        </li>
        <li>
          <NavLink org={orgSlug} section="mail" current={current}>
            Mail
          </NavLink>
        </li>
      </ul>
      <ul>
        <li>
          <NavLink org={orgSlug} section="sites" current={current}>
            Sites
          </NavLink>
        </li>
        <li>
          <NavLink org={orgSlug} section="readers" current={current}>
            Readers
          </NavLink>
        </li>
        <li>
          <NavLink org={orgSlug} section="audit" current={current}>
            Audit log
          </NavLink>
        </li>
        <li>
          <NavLink org={orgSlug} section="activity" current={current}>
            Activity
          </NavLink>
        </li>
        <li>
          <NavLink org={orgSlug} section="team" current={current}>
            Team
          </NavLink>
        </li>
        <li>
          <NavLink org={orgSlug} section="account" current={current}>
            Your account
          </NavLink>
        </li>
      </ul>
      <p className="admin-nav-group" id="admin-nav-automation">
        Automation
      </p>
      <ul aria-labelledby="admin-nav-automation">
        <li>
          <NavLink org={orgSlug} section="external-sites" current={current}>
            External sites
          </NavLink>
        </li>
        <li>
          <NavLink org={orgSlug} section="api-tokens" current={current}>
            API tokens
          </NavLink>
        </li>
        <li>
          <NavLink org={orgSlug} section="webhooks" current={current}>
            Webhooks
          </NavLink>
        </li>
      </ul>
    </nav>
  );
}

export function AdminShell({ org, role, staff, memberships, current, children }: Props) {
  const others = memberships.filter((m) => m.slug !== org.slug);
  const section = current ?? "settings";
  return (
    <div className="admin-app">
      <header className="admin-topbar">
        <AdminTopbarStart homeHref={`/orgs/${org.slug}/identity/settings`} />
        <div className="admin-org-switcher">
          {others.length > 0 ? (
            <details>
              <summary>
                <span className="admin-visually-hidden">Organisation: </span>
                {org.name}
              </summary>
              <ul aria-label="Switch organisation">
                {others.map((m) => (
                  <li key={m.slug}>
                    <Link href={`/orgs/${m.slug}/${sectionPaths[section]}`}>
                      {m.name} <span className="admin-muted">({roleLabels[m.role]})</span>
                    </Link>
                  </li>
                ))}
              </ul>
            </details>
          ) : (
            <span className="admin-org-name">{org.name}</span>
          )}
        </div>
        <div className="admin-user">
          <span>
            {staff.name} <span className="admin-role">{roleLabels[role]}</span>
          </span>
          <SignOutButton />
        </div>
      </header>
      <div className="admin-body">
        <AdminNav orgSlug={org.slug} current={current} />
        <main className="admin-main" id="main" tabIndex={-1}>
          {children}
        </main>
      </div>
    </div>
  );
}
