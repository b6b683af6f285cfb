// next-auth's double-submit CSRF check, done before we act on a next-auth request ourselves
// (its sign-out): the form's csrfToken must equal the token in next-auth's csrf cookie, and
// that cookie must carry the token's hash under our secret (so it was minted by us).
import { createHash } from "node:crypto";
import { secretsEqual } from "@/lib/security/secrets";

export function csrfCookieName(secure: boolean): string {
  return secure ? "__Host-next-auth.csrf-token" : "next-auth.csrf-token";
}

export function verifyNextAuthCsrf(options: { cookieValue: string | undefined; formToken: unknown; secret: string }): boolean {
  if (!options.cookieValue || typeof options.formToken !== "string") return false;
  const [token = "", hash = ""] = decodeURIComponent(options.cookieValue).split("|");
  const expected = createHash("sha256").update(`${token}${options.secret}`).digest("hex");
  return secretsEqual(hash, expected) && secretsEqual(token, options.formToken);
}
