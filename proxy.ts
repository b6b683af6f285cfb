// proxy.ts — resolves the request's Host to its part of the product (auth domain, site,
// admin console) and rewrites into that part's route tree. Decisions live in lib/hosts.
import { NextResponse, type NextRequest } from "next/server";
import { routeRequest } from "@/lib/hosts/route-request";
import { plainErrorResponse } from "@/lib/http/error-response";
import { toApiError } from "@/lib/errors";

export async function proxy(request: NextRequest): Promise<Response> {
  const pathname = request.nextUrl.pathname;
  try {
    const verdict = await routeRequest({ host: request.headers.get("host"), pathname });
    if (verdict.action === "reject") return plainErrorResponse({ ...verdict, pathname });
    const url = request.nextUrl.clone();
    url.pathname = verdict.pathname;
    return NextResponse.rewrite(url);
  } catch (error) {
    const apiError = toApiError(error);
    if (apiError.code === "internal_error") console.error("[proxy] routing failed:", error);
    return plainErrorResponse({ status: apiError.status, code: apiError.code, message: apiError.message, pathname });
  }
}

export const config = {
  // Everything except Next's own build assets, which are the same for every host.
  matcher: ["/((?!_next/static|_next/image).*)"],
};
