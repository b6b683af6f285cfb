// next-auth on the admin host, for staff (never readers). next-auth runs the sign-in protocol
// (CSRF token, Credentials provider `credentials`); the staff member's session lives in OUR
// table (lib/admin/staff-sessions.ts): the JWT only carries its id, so signing out or revoking
// it ends the session on the next request whatever the cookie says.
import type { AuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { decode } from "next-auth/jwt";
import { getAuthSecret } from "@/lib/env";
import {
  createStaffSession,
  revokeStaffSession,
  STAFF_SESSION_ABSOLUTE_SECONDS,
  validateStaffSession,
} from "@/lib/admin/staff-sessions";
import { authenticateStaff, staffCredentialsSchema } from "./admin-authenticate-staff";
import type { SignInOutcome } from "./sign-in-outcome";

/** The session cookie of the admin host; `__Host-` wherever the browser keeps Secure cookies (lib/http/cookies.ts). */
export function staffSessionCookieName(secure: boolean): string {
  return secure ? "__Host-mss_admin_session" : "mss_admin_session";
}

/** The staff session id inside next-auth's (encrypted, signed) session cookie, or null. */
export async function readStaffSessionId(cookieValue: string | undefined): Promise<string | null> {
  if (!cookieValue) return null;
  try {
    const token = await decode({ token: cookieValue, secret: getAuthSecret() });
    return typeof token?.sid === "string" ? token.sid : null;
  } catch {
    // Tampered, expired, or encrypted with another secret: simply not signed in.
    return null;
  }
}

export function buildAdminAuthOptions(options: {
  ip: string;
  userAgent: string | null;
  secure: boolean;
  /** The browser's known-device cookie on the admin host, if any. */
  deviceSecret: string | null;
  /** Filled by a password sign-in for the route to answer with (429, the device cookie). */
  outcome: SignInOutcome;
}): AuthOptions {
  return {
    secret: getAuthSecret(),
    useSecureCookies: options.secure,
    cookies: {
      sessionToken: {
        name: staffSessionCookieName(options.secure),
        options: { httpOnly: true, sameSite: "lax", path: "/", secure: options.secure },
      },
    },
    session: { strategy: "jwt", maxAge: STAFF_SESSION_ABSOLUTE_SECONDS },
    pages: { signIn: "/", error: "/" },
    providers: [
      CredentialsProvider({
        id: "credentials",
        name: "Email and password",
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        async authorize(credentials) {
          const parsed = staffCredentialsSchema.safeParse(credentials ?? {});
          if (!parsed.success) return null;
          const result = await authenticateStaff({ ...parsed.data, ip: options.ip, deviceSecret: options.deviceSecret });
          if (!result.ok) {
            if (result.reason === "throttled") options.outcome.throttled = { scope: result.scope, retryAfterSeconds: result.retryAfterSeconds };
            return null;
          }
          options.outcome.newDeviceSecret = result.newDeviceSecret;
          const session = await createStaffSession({ staffId: result.staff.id, ip: options.ip, userAgent: options.userAgent });
          return { id: result.staff.id, email: result.staff.email, name: result.staff.name, sid: session.id };
        },
      }),
    ],
    callbacks: {
      jwt({ token, user }) {
        if (user && "sid" in user && typeof user.sid === "string") token.sid = user.sid;
        return token;
      },
      // /api/auth/session answers from our session row, not from the JWT's claims.
      async session({ session, token }) {
        const staff = await validateStaffSession({ sessionId: token.sid });
        // A session still owing its second factor is nobody yet.
        const signedIn = staff.staff && staff.secondFactor === null ? staff.staff : null;
        return { ...session, user: signedIn ? { id: signedIn.id, email: signedIn.email, name: signedIn.name } : undefined };
      },
    },
    events: {
      async signOut({ token }) {
        await revokeStaffSession({ sessionId: token?.sid });
      },
    },
  };
}
