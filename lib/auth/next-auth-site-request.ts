// What a site host's next-auth route (/api/auth/*) checks and reads before next-auth sees the
// request: next-auth (v4) answers some client mistakes with a 500 of its own, and its body
// parser throws on what is not a form. Here they are clear 4xx answers, and next-auth gets the
// same (capped) bytes and no cookie it would choke on.
import { NextRequest } from "next/server";
import { ApiError, toErrorResponse } from "@/lib/errors";
import { NEXT_AUTH_FORM_MAX_BYTES } from "@/lib/http/body-limits";
import { readTextCapped } from "@/lib/http/read-json-body";
import { assertAcceptableCallbackUrls, assertNextAuthWords, withoutUnacceptableCallbackCookies } from "./next-auth-callback-url";

/** A request next-auth may have: its action ("csrf", "callback/credentials", "signout"…), its form (POST only), and the request to hand it. */
export type NextAuthSiteRequest = { action: string; form: URLSearchParams | null; forwarded: NextRequest };

/** The checked request, or the answer that refuses it (a refusal that needs its own headers; the others throw an ApiError). */
export async function readNextAuthSiteRequest(request: NextRequest, segments: string[]): Promise<NextAuthSiteRequest | { refusal: Response }> {
  const action = segments.join("/");
  assertAcceptableCallbackUrls(request.nextUrl.searchParams);
  assertNextAuthWords({ segments, searchParams: request.nextUrl.searchParams });
  // next-auth answers a GET of a Credentials callback with a 500 ("not supported"): it is the client's mistake.
  if (action.startsWith("callback/") && request.method !== "POST") {
    const refusal = toErrorResponse(new ApiError("method_not_allowed", "Sign-in forms are posted."));
    refusal.headers.set("allow", "POST");
    return { refusal };
  }
  // next-auth's own endpoints take forms; anything else is refused here rather than left to
  // next-auth's body parser, which throws on malformed JSON.
  const formText = request.method === "POST" ? await readFormText(request) : null;
  const cleanCookies = withoutUnacceptableCallbackCookies(request.headers.get("cookie"));
  const headers = new Headers(request.headers);
  if (cleanCookies !== null) headers.set("cookie", cleanCookies);
  const forwarded =
    formText === null && cleanCookies === null ? request : new NextRequest(request.url, { method: request.method, headers, ...(formText === null ? {} : { body: formText }) });
  return { action, form: formText === null ? null : new URLSearchParams(formText), forwarded };
}

async function readFormText(request: NextRequest): Promise<string> {
  const type = request.headers.get("content-type") ?? "";
  if (!type.startsWith("application/x-www-form-urlencoded")) {
    throw new ApiError("unsupported_media_type", "Send next-auth forms as application/x-www-form-urlencoded.");
  }
  return readTextCapped(request, NEXT_AUTH_FORM_MAX_BYTES);
}
