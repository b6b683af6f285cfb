// The auth domain's hosted sign-in pages (lib/sso/hosted-sign-in.ts), as self-contained HTML:
// no script and nothing loaded from anywhere (the auth domain's CSP is default-src 'none',
// form-action 'self', frame-ancestors 'none'), branded with the site's name, logo text and
// colour. Every form posts to /api/hosted-sign-in on this same auth domain and carries a CSRF
// token that must equal this browser's hosted-CSRF cookie (double submit), on top of the Origin
// check: a page of another site can neither post a sign-in here (login CSRF) nor frame it.
import { cookieName, cookieOptions } from "@/lib/http/cookies";
import { authDomainPolicyAllowingFormsTo, secretBearingHeaders } from "@/lib/http/security-headers";
import type { CookieToSet } from "@/lib/http/apply-cookies";
import { generateSecret, isWellFormedSecret, secretsEqual } from "@/lib/security/secrets";
import type { HostedSite, HostedView } from "./hosted-sign-in";
import { siteHomeUrl, sitePagePath } from "./hosted-sign-in";

/** The CSRF cookie lives as long as a page may reasonably stay open. */
const CSRF_COOKIE_MAX_AGE_SECONDS = 60 * 60;

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The site's colour only when it is a plain hex colour: it is written into a style attribute. */
export function safeBrandColor(color: string): string {
  return /^#[0-9a-fA-F]{3,8}$/.test(color) ? color : "#1f4e8c";
}

/** This browser's CSRF token for the hosted forms: its cookie's, or a new one (with the cookie to set). */
export function hostedCsrfToken(cookieValue: string | undefined, secure: boolean): { token: string; cookie: CookieToSet | null } {
  if (isWellFormedSecret(cookieValue)) return { token: cookieValue, cookie: null };
  const token = generateSecret();
  return { token, cookie: { name: cookieName("hostedCsrf", secure), value: token, options: cookieOptions(secure, CSRF_COOKIE_MAX_AGE_SECONDS) } };
}

/** The form's token equals this browser's cookie (compared in constant time). */
export function isHostedCsrfValid(cookieValue: string | undefined, formValue: string): boolean {
  return isWellFormedSecret(cookieValue) && isWellFormedSecret(formValue) && secretsEqual(cookieValue, formValue);
}

export type HostedPageOptions = {
  site: HostedSite;
  view: HostedView;
  state: string;
  csrf: string;
  /** What the reader typed, shown again after a refusal (never the password). */
  email?: string;
  name?: string;
  error?: string;
  notice?: string;
  /** For view=continue: whom "Continue" signs in as. */
  continueAs?: { maskedEmail: string; displayName: string | null } | null;
};

const titles: Record<HostedView, string> = {
  signin: "Sign in",
  register: "Create an account",
  "forgot-password": "Forgot your password?",
  continue: "Continue with your sign-in?",
  "sign-in-link": "Sign in by email link",
};

function hidden(name: string, value: string): string {
  return `<input type="hidden" name="${name}" value="${escapeHtml(value)}">`;
}

function pageLink(options: HostedPageOptions, view: HostedView, text: string): string {
  const url = new URL("/signin", "http://auth.invalid");
  url.searchParams.set("site", options.site.slug);
  url.searchParams.set("state", options.state);
  if (view !== "signin") url.searchParams.set("view", view);
  return `<a href="${escapeHtml(`${url.pathname}${url.search}`)}">${escapeHtml(text)}</a>`;
}

function formBody(options: HostedPageOptions): string {
  const common = hidden("site", options.site.slug) + hidden("state", options.state) + hidden("csrf", options.csrf);
  const email = `<label for="email">Email</label><input id="email" name="email" type="email" autocomplete="email" required value="${escapeHtml(options.email ?? "")}">`;
  switch (options.view) {
    case "signin":
      return `<form method="post" action="/api/hosted-sign-in">${common}${hidden("action", "signin")}${email}
<label for="password">Password</label><input id="password" name="password" type="password" autocomplete="current-password" required>
<button type="submit">Sign in</button></form>
<p>${pageLink(options, "forgot-password", "Forgot password?")}</p>${options.site.emailLinkSignIn ? `\n<p>${pageLink(options, "sign-in-link", "Email me a sign-in link instead")}</p>` : ""}
<p>New here? ${pageLink(options, "register", "Create an account")}</p>`;
    case "register":
      return `<form method="post" action="/api/hosted-sign-in">${common}${hidden("action", "register")}
<label for="name">Name (optional)</label><input id="name" name="name" type="text" autocomplete="name" value="${escapeHtml(options.name ?? "")}">${email}
<label for="password">Password</label><input id="password" name="password" type="password" autocomplete="new-password" required>
<button type="submit">Create account</button></form>
<p>Already registered? ${pageLink(options, "signin", "Sign in")}</p>`;
    case "forgot-password":
      return `<p>Type the email of your account. We will send it a link to choose a new password; it works once, for 30 minutes.</p>
<form method="post" action="/api/hosted-sign-in">${common}${hidden("action", "forgot-password")}${email}
<button type="submit">Send the link</button></form>
<p>Remembered it? ${pageLink(options, "signin", "Sign in")}</p>`;
    case "sign-in-link":
      return `<p>Type the email of your account. We will send it a link that signs you in to ${escapeHtml(options.site.name)}.</p>
<form method="post" action="/api/hosted-sign-in">${common}${hidden("action", "sign-in-link")}${email}
<button type="submit">Email me a sign-in link</button></form>
<p>${pageLink(options, "signin", "Sign in with your password")}</p>`;
    case "continue": {
      const who = options.continueAs;
      if (!who) return `<p>You are not signed in on another site any more.</p><p>${pageLink(options, "signin", "Sign in")}</p>`;
      const name = who.displayName ? `${who.displayName} (${who.maskedEmail})` : who.maskedEmail;
      return `<p>You're signed in as ${escapeHtml(name)}. Continue to ${escapeHtml(options.site.name)} as them?</p>
<form method="post" action="/api/hosted-sign-in">${common}${hidden("action", "continue")}<button type="submit">Continue</button></form>
<p>Not you? ${pageLink(options, "signin", "Sign in with another account")}</p>`;
    }
  }
}

/** A hosted page's headers: the auth domain's, its forms allowed to end at the site's registered callback. */
export function hostedPageHeaders(site: Pick<HostedSite, "callbackUrl">): Record<string, string> {
  return {
    ...secretBearingHeaders,
    "content-security-policy": authDomainPolicyAllowingFormsTo(new URL(site.callbackUrl).origin),
    "content-type": "text/html; charset=utf-8",
    "x-robots-tag": "noindex",
  };
}

/** The HTML of one hosted page, branded for `site`. */
export function renderHostedPage(options: HostedPageOptions): string {
  const { site } = options;
  const brand = safeBrandColor(site.themeColor);
  const title = titles[options.view];
  const error = options.error ? `<p class="error" role="alert">${escapeHtml(options.error)}</p>` : "";
  const notice = options.notice ? `<p class="notice" role="status">${escapeHtml(options.notice)}</p>` : "";
  const body = options.notice && (options.view === "forgot-password" || options.view === "sign-in-link") ? `<p>${pageLink(options, "signin", "Back to sign in")}</p>` : formBody(options);
  const siteHere = new URL(sitePagePath(options.view, "/"), site.callbackUrl).toString();
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(`${title} · ${site.name}`)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex">
<style>
body{font:16px/1.5 system-ui,sans-serif;margin:0;color:#1d1d1f;background:#f4f5f7}
header{background:${brand};color:#fff;padding:1rem}
header .logo{font-weight:800;letter-spacing:.04em;font-size:1.25rem;color:#fff;text-decoration:none}
main{max-width:26rem;margin:2rem auto;padding:1.5rem;background:#fff;border-radius:8px;box-shadow:0 1px 3px rgba(0,0,0,.12)}
h1{font-size:1.4rem;margin-top:0}
label{display:block;font-weight:600;margin-top:.9rem}
input[type=email],input[type=password],input[type=text]{box-sizing:border-box;width:100%;padding:.55rem;font:inherit;border:1px solid #8a8f98;border-radius:4px}
button{margin-top:1.1rem;padding:.6rem 1.2rem;font:inherit;font-weight:600;color:#fff;background:${brand};border:0;border-radius:4px;cursor:pointer}
button:focus-visible,a:focus-visible,input:focus-visible{outline:3px solid #111;outline-offset:2px}
a{color:#0b4f9c}
.error{color:#a4001d;font-weight:600}
.notice{background:#eef6ee;padding:.6rem;border-radius:4px}
.why{font-size:.85rem;color:#4a4f57;border-top:1px solid #e3e5e8;margin-top:1.5rem;padding-top:.8rem}
</style></head><body>
<header><a class="logo" href="${escapeHtml(siteHomeUrl(site))}">${escapeHtml(site.logoText)}</a></header>
<main data-hosted-site="${escapeHtml(site.slug)}">
<h1>${escapeHtml(title)}</h1>
${error}${notice}${body}
<p class="why">You are on the sign-on page of ${escapeHtml(site.orgName)}, which signs you in to ${escapeHtml(site.name)} and the organisation's other sites at once.
<a href="${escapeHtml(siteHere)}">Sign in on ${escapeHtml(site.name)} instead</a> · <a href="${escapeHtml(siteHomeUrl(site))}">Back to ${escapeHtml(site.name)}</a></p>
</main></body></html>`;
}
