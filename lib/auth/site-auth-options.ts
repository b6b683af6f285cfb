// next-auth on a site host. next-auth runs the sign-in protocol (CSRF token, Credentials
// provider `credentials`, its callback URL rules); the reader's identity lives in OUR site
// session (design §2), so a session revoked server-side is signed out on its next request
// whatever next-auth's own cookie says. next-auth's JWT only carries the site session id.
import type { AuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { getAuthSecret } from "@/lib/env";
import { credentialsSchema } from "./authenticate-reader";
import { registerOnSite, signInWithPasswordOnSite } from "./reader-sign-in";
import { UNVERIFIED_SIGN_IN_MESSAGE } from "@/lib/account/email-verification";
import { sanitizeReturnPath } from "@/lib/sso/return-path";
import type { SiteContext } from "@/lib/sso/site-context";
import { resolveNextAuthRedirect } from "./next-auth-callback-url";
import { nextAuthCookies } from "./next-auth-cookies";
import type { SignInOutcome } from "./sign-in-outcome";
import { ApiError } from "@/lib/errors";

export type SiteSignInEvents = {
  /** Called once the site session is signed in, with its new secret for the cookie. */
  onSignedIn: (result: { secret: string; sessionId: string }) => void;
};

/** A sign-in refused after the password was checked (the device limit): the route answers with its 4xx (sign-in-outcome.ts). */
async function refusedAsOutcome<T>(outcome: SignInOutcome, signIn: () => Promise<T>): Promise<T | null> {
  try {
    return await signIn();
  } catch (error) {
    if (error instanceof ApiError && error.code === "device_limit_reached") {
      outcome.refused = error;
      return null;
    }
    throw error;
  }
}

export function buildSiteAuthOptions(options: {
  context: SiteContext;
  ip: string;
  userAgent: string | null;
  /** Whether this request's cookies are Secure (lib/http/cookies.ts), so next-auth's agree. */
  secure: boolean;
  /** The browser's known-device cookie on this site, if any. */
  deviceSecret: string | null;
  events: SiteSignInEvents;
  /** Filled by a password sign-in for the route to answer with (429, the device cookie). */
  outcome: SignInOutcome;
}): AuthOptions {
  const { context } = options;
  return {
    secret: getAuthSecret(),
    useSecureCookies: options.secure,
    cookies: nextAuthCookies(options.secure),
    session: { strategy: "jwt", maxAge: context.site.sessionAbsoluteSeconds },
    pages: { signIn: "/signin", error: "/signin" },
    providers: [
      CredentialsProvider({
        id: "credentials",
        name: "Email and password",
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        async authorize(credentials) {
          const parsed = credentialsSchema.safeParse(credentials ?? {});
          if (!parsed.success) return null;
          const result = await refusedAsOutcome(options.outcome, () =>
            signInWithPasswordOnSite({ context, ...parsed.data, ip: options.ip, userAgent: options.userAgent, deviceSecret: options.deviceSecret }),
          );
          if (!result) return null;
          if (!result.ok) {
            if (result.reason === "throttled") options.outcome.throttled = { scope: result.scope, retryAfterSeconds: result.retryAfterSeconds };
            if (result.reason !== "unverified") return null;
            options.outcome.newDeviceSecret = result.newDeviceSecret;
            // The right password, but the address must be proven first: the reader is told so.
            throw new Error(UNVERIFIED_SIGN_IN_MESSAGE);
          }
          options.outcome.newDeviceSecret = result.newDeviceSecret;
          const { signedIn } = result;
          options.events.onSignedIn(signedIn);
          return { id: result.reader.id, email: result.reader.email, name: result.reader.displayName, sid: signedIn.sessionId };
        },
      }),
      // Registration goes through next-auth too (its CSRF protection, its callback rules): a
      // second Credentials provider that creates the reader, then signs the session in.
      CredentialsProvider({
        id: "register",
        name: "Register",
        credentials: { email: { type: "email" }, password: { type: "password" }, name: { type: "text" }, return: { type: "text" } },
        async authorize(credentials) {
          const returnPath = sanitizeReturnPath(typeof credentials?.return === "string" ? credentials.return : "/");
          const result = await refusedAsOutcome(options.outcome, () => registerOnSite({ context, input: credentials ?? {}, ip: options.ip, userAgent: options.userAgent, returnPath }));
          if (!result) return null;
          if (!result.ok && result.reason === "throttled") {
            options.outcome.throttled = { scope: "registration", retryAfterSeconds: result.retryAfterSeconds };
            return null;
          }
          // next-auth passes an authorize error's message to the client as `?error=`; these are
          // user-facing sentences without secrets.
          if (!result.ok) throw new Error(result.message);
          // Not signed in (the address must be proven first, or it already had an account):
          // the route answers "check your email", the same for both.
          if (result.outcome === "check_email") {
            options.outcome.checkEmail = true;
            return null;
          }
          const { signedIn } = result;
          options.events.onSignedIn(signedIn);
          return { id: result.reader.id, email: result.reader.email, name: result.reader.displayName, sid: signedIn.sessionId };
        },
      }),
    ],
    callbacks: {
      redirect: ({ url, baseUrl }) => resolveNextAuthRedirect(url, baseUrl),
      jwt({ token, user }) {
        if (user && "sid" in user && typeof user.sid === "string") token.sid = user.sid;
        return token;
      },
      // The answer of /api/auth/session is our site session's reader, not the JWT's claim.
      session({ session }) {
        const reader = context.session?.readerId ? context.reader : null;
        return { ...session, user: reader ? { id: reader.id, email: reader.email, name: reader.displayName } : undefined };
      },
    },
  };
}
