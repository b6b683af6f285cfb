// The suite's base `test`: every spec uses it (directly or through fixtures.ts), so every browser
// context of the run — the built-in one, other devices, the admin console's — has the secrets it
// handles recorded to E2E_SECRETS_FILE: the values of our cookies as the server set them
// (Set-Cookie, redirects included) and as the jar holds them at the end of each test, OTTs and
// state nonces and mailed-link tokens from URLs, passwords, CSRF tokens and mailed-link tokens from request bodies. After the run,
// scripts/e2e-log-secrets.ts fails `npm test` if any of them is in the server's log.
//
// Contexts are found through the Browser's "context" event (a worker fixture), so a spec that
// calls browser.newContext() itself is covered too. The file holds live secrets of a throwaway
// test database (dropped when the run ends), in test-results/ (git-ignored).
import { appendFileSync, mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { test as base, expect, type BrowserContext, type Request, type Response } from "@playwright/test";
import { E2E_SECRETS_FILE } from "./log-files";

/** Our cookies, and next-auth's secret ones (not its callback-url cookie: a URL, no secret). */
const SECRET_COOKIE = /^(__Host-|__Secure-)?(mss_[a-z_]+|mss_sso_state_[A-Za-z0-9_-]{16}|next-auth\.(session-token|csrf-token))$/;
const SECRET_PARAMS = ["ott", "state", "csrfToken", "token"];
const SECRET_FIELDS = ["password", "csrfToken", "token"];
const MIN_LENGTH = 8;

const seen = new Set<string>();

function record(kind: string, value: string | null | undefined): void {
  if (!value || value.length < MIN_LENGTH || seen.has(value)) return;
  seen.add(value);
  mkdirSync(dirname(E2E_SECRETS_FILE), { recursive: true });
  appendFileSync(E2E_SECRETS_FILE, `${JSON.stringify({ kind, value })}\n`);
}

/**
 * A cookie value and the secrets inside it: next-auth's CSRF cookie is "<token>|<hash>"
 * (URL-encoded), its session cookie a JWE whose first part is a constant header; our state
 * cookies (one per handshake, mss_sso_state_<id>) are "<nonce>.<base64url return path>".
 */
function recordCookie(name: string, value: string): void {
  if (!SECRET_COOKIE.test(name)) return;
  if (/mss_sso_state_/.test(name)) return record("cookie", value.split(".")[0]);
  record("cookie", value);
  let decoded = value;
  try {
    decoded = decodeURIComponent(value);
  } catch {
    // not URL-encoded
  }
  record("cookie", decoded);
  for (const part of decoded.split(/[|.]/)) if (part.length >= 16 && !part.startsWith("eyJ")) record("cookie", part);
}

function recordRequest(request: Request): void {
  try {
    const url = new URL(request.url());
    for (const name of SECRET_PARAMS) record(name === "csrfToken" ? "csrf-token" : name, url.searchParams.get(name));
  } catch {
    // not a URL we can parse
  }
  // An API token sent as a bearer credential (the automation specs).
  const bearer = /^Bearer (.+)$/i.exec(request.headers().authorization ?? "");
  record("api-token", bearer?.[1]);
  const body = request.postData();
  if (!body) return;
  const fields = new Map<string, string>();
  try {
    const json = JSON.parse(body) as unknown;
    if (json && typeof json === "object") for (const [key, value] of Object.entries(json)) if (typeof value === "string") fields.set(key, value);
  } catch {
    for (const [key, value] of new URLSearchParams(body)) fields.set(key, value);
  }
  for (const name of SECRET_FIELDS) record(name === "csrfToken" ? "csrf-token" : name, fields.get(name));
}

/** Credentials the console shows once (API tokens, webhook and client secrets) arrive in JSON answers. */
const SHOWN_ONCE_FIELDS = ["secret", "clientSecret"];

async function recordShownOnce(response: Response): Promise<void> {
  if (!(response.headers()["content-type"] ?? "").startsWith("application/json") || response.request().method() === "GET") return;
  const json = (await response.json().catch(() => null)) as Record<string, unknown> | null;
  for (const name of SHOWN_ONCE_FIELDS) if (json && typeof json[name] === "string") record(name === "secret" ? "shown-once" : "client-secret", json[name]);
}

async function recordResponse(response: Response): Promise<void> {
  await recordShownOnce(response);
  const headers = await response.headersArray();
  for (const { name, value } of headers) {
    if (name.toLowerCase() !== "set-cookie") continue;
    for (const line of value.split("\n")) {
      const pair = line.split(";")[0] ?? "";
      const eq = pair.indexOf("=");
      if (eq > 0) recordCookie(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
    }
  }
}

async function recordJar(context: BrowserContext): Promise<void> {
  for (const cookie of await context.cookies()) recordCookie(cookie.name, cookie.value);
}

export const test = base.extend<{ recordCookieJars: void }, { recordSecrets: void }>({
  recordSecrets: [
    async ({ browser }, use) => {
      const pending = new Set<Promise<void>>();
      const onContext = (context: BrowserContext) => {
        context.on("request", recordRequest);
        context.on("response", (response) => {
          // A page closed meanwhile takes its headers with it: the jar at the end of the test still has the cookies.
          const done = recordResponse(response).catch(() => undefined);
          pending.add(done);
          void done.finally(() => pending.delete(done));
        });
      };
      browser.on("context", onContext);
      await use();
      browser.off("context", onContext);
      await Promise.all(pending);
    },
    { scope: "worker", auto: true },
  ],
  recordCookieJars: [
    async ({ context, browser }, use) => {
      await use();
      // Every context still open when the test ends (the test's own, and any it opened itself).
      for (const open of new Set([context, ...browser.contexts()])) await recordJar(open).catch(() => undefined);
    },
    { auto: true },
  ],
});

export { expect };
