// Writes Set-Cookie headers for the product's cookies (policy in cookies.ts). Values are our
// own base64url secrets, so no encoding is needed.
import type { CookieOptions } from "./cookies";

export type CookieToSet = { name: string; value: string; options: CookieOptions };

export function applyCookies(response: Response, cookies: CookieToSet[]): Response {
  for (const cookie of cookies) {
    const parts = [`${cookie.name}=${cookie.value}`, `Path=${cookie.options.path}`, "HttpOnly", "SameSite=Lax"];
    if (cookie.options.secure) parts.push("Secure");
    if (cookie.options.maxAge !== undefined) parts.push(`Max-Age=${cookie.options.maxAge}`);
    response.headers.append("set-cookie", parts.join("; "));
  }
  return response;
}
