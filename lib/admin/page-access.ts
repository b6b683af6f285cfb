// The guard every org page of the console runs first (layouts are not a security boundary in
// the App Router: a page must check for itself). Anonymous → the sign-in page, which brings
// the staff member back here (query string included); no membership → 404, as for an
// organisation that does not exist.
import { notFound, redirect } from "next/navigation";
import { requireOrgRole } from "./current-staff";
import type { OrgAccess } from "./org-access";

export type GrantedOrgAccess = Extract<OrgAccess, { ok: true }>;

export type PageSearchParams = Record<string, string | string[] | undefined>;

/** The console path of this page with its query string, as the browser asked for it. */
export function consolePath(path: string, searchParams?: PageSearchParams): string {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(searchParams ?? {})) {
    for (const one of Array.isArray(value) ? value : value === undefined ? [] : [value]) query.append(name, one);
  }
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}

export async function requireOrgPage(options: { orgSlug: string; path: string; searchParams?: PageSearchParams }): Promise<GrantedOrgAccess> {
  // Every page of the console may be read by every role; what a viewer may not do is refused
  // by the mutation itself (and its controls are disabled).
  const access = await requireOrgRole({ orgSlug: options.orgSlug, role: "viewer" });
  if (access.ok) return access;
  if (access.reason === "unauthenticated") redirect(`/?next=${encodeURIComponent(consolePath(options.path, options.searchParams))}`);
  if (access.reason === "second_factor") redirect(`/two-factor?next=${encodeURIComponent(consolePath(options.path, options.searchParams))}`);
  notFound();
}

const CONSOLE_PAGE = /^\/orgs\/[a-z0-9][a-z0-9-]{0,62}(\/[a-z0-9_-]+)*\/?$/i;
const PARSE_BASE = "http://console.invalid";
const MAX_NEXT_LENGTH = 2048;

/**
 * Where to go after signing in: a console page from `next` (path and query, as given), else the
 * first organisation's settings. The path is parsed as the browser will resolve it — whatever
 * does not resolve to a page of this origin under /orgs/ (other origins, `//host`, `/\host`,
 * dot segments, control characters, fragments) falls back.
 */
export function afterSignInPath(options: { next: string | null | undefined; firstOrgSlug: string | null }): string {
  const fallback = options.firstOrgSlug ? `/orgs/${options.firstOrgSlug}/identity/settings` : "/";
  const next = options.next;
  // eslint-disable-next-line no-control-regex
  if (!next || next.length > MAX_NEXT_LENGTH || !next.startsWith("/orgs/") || /[\u0000-\u0020\u007f\\#]/.test(next)) return fallback;
  let url: URL;
  try {
    url = new URL(next, PARSE_BASE);
  } catch {
    return fallback;
  }
  if (url.origin !== PARSE_BASE || !CONSOLE_PAGE.test(url.pathname)) return fallback;
  const resolved = `${url.pathname}${url.search}`;
  // Anything the parser rewrote (dot segments, `//`) is not what it claims to be.
  return resolved === next ? resolved : fallback;
}
