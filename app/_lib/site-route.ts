// Wraps a site's API route handler: resolves this browser's site session (one query), runs
// the handler, maps any error to the error shape, and sets the cookies the request earned.
import type { NextRequest } from "next/server";
import { z } from "zod";
import { ApiError, toErrorResponse } from "@/lib/errors";
import { resolveSiteRequest, type SiteRequestOutcome } from "@/lib/sso/resolve-site-request";
import { observeRoute } from "@/lib/observability/observe-route";
import { applyCookies, type CookieToSet } from "@/lib/http/apply-cookies";

export type SiteRouteContext = {
  request: NextRequest;
  siteId: string;
  /** The route's other dynamic segments, unvalidated (validate with zod in the handler). */
  params: Record<string, string | string[] | undefined>;
  outcome: SiteRequestOutcome;
  /** Cookies the handler adds (e.g. a rotated session); applied after the outcome's own. */
  cookies: CookieToSet[];
};

type Handler = (context: SiteRouteContext) => Promise<Response>;

const siteIdSchema = z.uuid();

/** `errorResponse`: how this family of paths answers an error (the Zephr-compatible paths add Zephr's `message`). */
export function withSiteRoute(handler: Handler, options: { errorResponse?: (error: unknown) => Response } = {}) {
  const errorResponse = options.errorResponse ?? toErrorResponse;
  return observeRoute(async (request: NextRequest, { params }: { params: Promise<Record<string, string | string[] | undefined>> }): Promise<Response> => {
    const cookies: CookieToSet[] = [];
    try {
      const routeParams = await params;
      const siteId = siteIdSchema.parse(routeParams.siteId);
      const outcome = await resolveSiteRequest({ siteId, request, allowHandshake: false });
      if (!outcome) throw new ApiError("unknown_site", "No site is served at this address.");
      cookies.push(...outcome.cookies);
      const response = await handler({ request, siteId, params: routeParams, outcome, cookies });
      response.headers.set("cache-control", "no-store");
      return applyCookies(response, cookies);
    } catch (error) {
      return applyCookies(errorResponse(error), cookies);
    }
  });
}
