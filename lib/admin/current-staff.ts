// Who is using the console on this request: the staff session validated against Postgres.
// getStaffSession() for pages (server components, memoised per request), getStaffSessionFor()
// for route handlers. requireOrgRole() answers the narrow union of lib/admin/org-access.ts.
import { cache } from "react";
import { cookies, headers } from "next/headers";
import { isSecureRequest } from "@/lib/http/cookies";
import { requestProtocol } from "@/lib/http/request-origin";
import { parseHost } from "@/lib/hosts/parse-host";
import { readStaffSessionId, staffSessionCookieName } from "@/lib/auth/admin-auth-options";
import { checkOrgRole, type OrgAccess } from "./org-access";
import type { StaffRole } from "./roles";
import { NO_STAFF_SESSION, validateStaffSession, type StaffSession } from "./staff-sessions";

type HeaderReader = { get(name: string): string | null };
type CookieReader = { get(name: string): { value: string } | undefined };

/** Whether this request's cookies are Secure, by the product's cookie policy. */
export function isSecureAdminRequest(requestHeaders: HeaderReader): boolean {
  const host = parseHost(requestHeaders.get("host"));
  return isSecureRequest({ hostname: host?.hostname ?? "", protocol: requestProtocol(requestHeaders) });
}

async function loadStaffSession(requestHeaders: HeaderReader, requestCookies: CookieReader): Promise<StaffSession> {
  const secure = isSecureAdminRequest(requestHeaders);
  const sessionId = await readStaffSessionId(requestCookies.get(staffSessionCookieName(secure))?.value);
  return sessionId ? validateStaffSession({ sessionId }) : NO_STAFF_SESSION;
}

export const getStaffSession = cache(async (): Promise<StaffSession> => {
  const [headerList, cookieStore] = await Promise.all([headers(), cookies()]);
  return loadStaffSession(headerList, cookieStore);
});

export async function getStaffSessionFor(request: { headers: Headers; cookies: CookieReader }): Promise<StaffSession> {
  return loadStaffSession(request.headers, request.cookies);
}

/** For pages and server code: this request's staff member's access to `orgSlug` at `role`. */
export async function requireOrgRole(options: { orgSlug: string; role: StaffRole }): Promise<OrgAccess> {
  return checkOrgRole(await getStaffSession(), options);
}
