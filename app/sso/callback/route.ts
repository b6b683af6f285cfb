// GET /sso/callback on a site, through the direct lane (app/_lib/direct-route.ts): the site's
// own route handler, entered by proxy() called in-process instead of by Next's middleware.
import * as siteRoute from "@/app/site/[siteId]/sso/callback/route";
import { directRoute } from "@/app/_lib/direct-route";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = directRoute(/^\/site\/(?<siteId>[^/]+)\/sso\/callback$/, siteRoute);
