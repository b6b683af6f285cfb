// GET /sso/handshake on an auth domain, through the direct lane (app/_lib/direct-route.ts): the
// auth domain's own route handler, entered by proxy() called in-process instead of by Next's middleware.
import * as authDomainRoute from "@/app/auth-domain/[orgId]/sso/handshake/route";
import { directRoute } from "@/app/_lib/direct-route";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = directRoute(/^\/auth-domain\/(?<orgId>[^/]+)\/sso\/handshake$/, authDomainRoute);
