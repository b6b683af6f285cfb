// POST /api/hosted-sign-in on the auth domain: what each hosted form does (sign in, register,
// forgot password, Opt In's Continue). The same account rules as the site's own forms — one
// implementation each: authenticateReader (throttled per client IP and account, failure slot
// taken before the password is checked), registerReader (per-IP and per-organisation budget,
// verification mail), requestPasswordReset (per-IP and per-address mail budgets), the
// organisation's email-verification policy — and the answer is a redirect to the site's
// registered callback (signed in) or the page again with a message.
import { authenticateReader, credentialsSchema } from "@/lib/auth/authenticate-reader";
import { registerReader } from "@/lib/auth/register-reader";
import { throttledError } from "@/lib/auth/sign-in-outcome";
import { mustVerifyBeforeSignIn, resendVerification, UNVERIFIED_SIGN_IN_MESSAGE } from "@/lib/account/email-verification";
import { requestPasswordReset } from "@/lib/account/password-reset";
import { requestSignInLink } from "@/lib/account/email-link-sign-in";
import { ApiError, toApiError } from "@/lib/errors";
import { completeHostedSignIn, findContinueReader, type HostedForm, type HostedSite, type HostedView } from "./hosted-sign-in";

export type HostedFormAnswer =
  | { kind: "redirect"; location: string; newTokenSecret: string; tokenMaxAgeSeconds: number }
  | { kind: "page"; status: number; view: HostedView; error?: string; notice?: string; email?: string; name?: string; retryAfterSeconds?: number };

const WRONG_CREDENTIALS = "That email and password do not match an account.";
/** The hosted page cannot take the mailed code (the site's page can): the link itself signs in, on the site. */
const SIGN_IN_LINK_SENT_HERE = "If an account uses this address, we sent it a sign-in link. Open the link in this browser to sign in.";
const REGISTERED_CHECK_EMAIL = "Check your email: we sent a message to the address you typed. Open its link to continue.";

export async function answerHostedForm(options: { site: HostedSite; form: HostedForm; tokenSecret: string | null; ip: string }): Promise<HostedFormAnswer> {
  const { site, form } = options;
  const signIn = async (readerId: string, method: "password" | "register" | "sso_opt_in"): Promise<HostedFormAnswer> => {
    const done = await completeHostedSignIn({ site, state: form.state, readerId, method, tokenSecret: options.tokenSecret });
    return { kind: "redirect", location: done.redirectTo, newTokenSecret: done.newTokenSecret, tokenMaxAgeSeconds: done.tokenMaxAgeSeconds };
  };
  const page = (view: HostedView, status: number, extra: Partial<Extract<HostedFormAnswer, { kind: "page" }>> = {}): HostedFormAnswer => ({ kind: "page", status, view, email: form.email, ...extra });

  switch (form.action) {
    case "signin": {
      const parsed = credentialsSchema.safeParse({ email: form.email ?? "", password: form.password ?? "" });
      if (!parsed.success) return page("signin", 400, { error: parsed.error.issues[0]?.message ?? WRONG_CREDENTIALS });
      const result = await authenticateReader({ orgId: site.orgId, siteId: site.id, ...parsed.data, ip: options.ip, deviceSecret: null });
      if (!result.ok) {
        if (result.reason === "throttled") return page("signin", 429, { error: throttledError(result).message, retryAfterSeconds: result.retryAfterSeconds });
        return page("signin", 401, { error: WRONG_CREDENTIALS });
      }
      if (await mustVerifyBeforeSignIn(result.reader.id)) {
        await resendVerification({ siteId: site.id, readerId: result.reader.id });
        return page("signin", 403, { error: UNVERIFIED_SIGN_IN_MESSAGE });
      }
      return signIn(result.reader.id, "password");
    }
    case "register": {
      const result = await registerReader({ orgId: site.orgId, siteId: site.id, input: { email: form.email, password: form.password, name: form.name }, ip: options.ip });
      if (!result.ok) {
        if (result.reason === "throttled") {
          return page("register", 429, { name: form.name, error: throttledError({ scope: "registration", retryAfterSeconds: result.retryAfterSeconds }).message, retryAfterSeconds: result.retryAfterSeconds });
        }
        return page("register", 400, { name: form.name, error: result.message });
      }
      if (result.outcome === "check_email") return page("register", 200, { notice: REGISTERED_CHECK_EMAIL });
      return signIn(result.reader.id, "register");
    }
    case "forgot-password":
    case "sign-in-link": {
      const view = form.action;
      const email = form.email?.trim() ?? "";
      if (!email) return page(view, 400, { error: "Enter your email address." });
      try {
        if (form.action === "forgot-password") return page(view, 200, { notice: (await requestPasswordReset({ site, email, ip: options.ip })).message });
        await requestSignInLink({ site, email, ip: options.ip });
        return page(view, 200, { notice: SIGN_IN_LINK_SENT_HERE });
      } catch (error) {
        const apiError = toApiError(error);
        if (apiError.code !== "rate_limited" && apiError.code !== "validation_failed" && apiError.code !== "forbidden") throw error;
        return page(view, apiError.status, { error: apiError.message });
      }
    }
    case "continue": {
      // Only under Opt In or Auto Login (the caller refused Disabled), and only as the reader this
      // very browser's token is signed in as: no identifier comes from the form.
      const reader = await findContinueReader({ orgId: site.orgId, tokenSecret: options.tokenSecret });
      if (!reader) return page("signin", 409, { error: "You are not signed in on another site any more. Sign in here." });
      return signIn(reader.readerId, "sso_opt_in");
    }
  }
  throw new ApiError("validation_failed", "Unknown action.");
}
