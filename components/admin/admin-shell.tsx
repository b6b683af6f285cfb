// The frame of every organisation page of the console: top bar (organisation switcher, who is
// signed in, sign out) and the left navigation. Presentational: props in, no data access.
import Link from "next/link";
import type { ReactNode } from "react";
import { roleLabels, type StaffRole } from "@/lib/admin/roles";
import { SignOutButton } from "./sign-out-button";

export type AdminSection = "settings" | "sites" | "readers" | "audit" | "activity";

const sectionPaths: Record<AdminSection, string> = {
  settings: "identity/settings",
  sites: "sites",
  readers: "readers",
  audit: "audit",
  activity: "activity",
};

type Props = {
  org: { slug: string; name: string };
  role: StaffRole;
  staff: { name: string; email: string };
  memberships: { slug: string; name: string; role: StaffRole }[];
  current: AdminSection;
  children: ReactNode;
};

function NavLink({ org, section, current, children }: { org: string; section: AdminSection; current: AdminSection; children: ReactNode }) {
  return (
    <Link href={`/orgs/${org}/${sectionPaths[section]}`} aria-current={section === current ? "page" : undefined} className="admin-nav-link">
      {children}
    </Link>
  );
}

export function AdminShell({ org, role, staff, memberships, current, children }: Props) {
  const others = memberships.filter((m) => m.slug !== org.slug);
  return (
    <div className="admin-app">
      <header className="admin-topbar">
        <span className="admin-brand">multisite-sso · Admin console</span>
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
                    <Link href={`/orgs/${m.slug}/${sectionPaths[current]}`}>
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
        <nav className="admin-nav" aria-label="Console">
          <p className="admin-nav-group" id="admin-nav-identity">
            Identity
          </p>
          <ul aria-labelledby="admin-nav-identity">
            <li>
              <NavLink org={org.slug} section="settings" current={current}>
                Settings
              </NavLink>
            </li>
          </ul>
          <ul>
            <li>
              <NavLink org={org.slug} section="sites" current={current}>
                Sites
              </NavLink>
            </li>
            <li>
              <NavLink org={org.slug} section="readers" current={current}>
                Readers
              </NavLink>
            </li>
            <li>
              <NavLink org={org.slug} section="audit" current={current}>
                Audit log
              </NavLink>
            </li>
            <li>
              <NavLink org={org.slug} section="activity" current={current}>
                Activity
              </NavLink>
            </li>
          </ul>
        </nav>
        <main className="admin-main" id="main">
          {children}
        </main>
      </div>
    </div>
  );
}
