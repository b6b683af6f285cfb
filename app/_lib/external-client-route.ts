// Wraps a server-to-server route of the auth domain (an external site's backend calling):
// authenticates the client first (HTTP Basic), runs the handler, maps errors to the error
// shape (401 with a WWW-Authenticate challenge for bad credentials). No cookie is read and no
// CORS header is ever sent: a browser page cannot use these endpoints.
import type { NextRequest } from "next/server";
import { z } from "zod";
import { toApiError, toErrorResponse } from "@/lib/errors";
import { observeRoute } from "@/lib/observability/observe-route";
import { authenticateClient, type AuthenticatedClient } from "@/lib/sso/external/site-client";
import { clientIp } from "@/lib/http/client-ip";

export type ExternalClientRouteContext = { request: NextRequest; client: AuthenticatedClient; ip: string };

const orgIdSchema = z.uuid();

export function withExternalClientRoute(handler: (context: ExternalClientRouteContext) => Promise<Response>) {
  return observeRoute(async (request: NextRequest, { params }: { params: Promise<{ orgId: string }> }): Promise<Response> => {
    try {
      const orgId = orgIdSchema.parse((await params).orgId);
      const ip = clientIp(request.headers);
      const client = await authenticateClient({ orgId, authorization: request.headers.get("authorization"), ip });
      const response = await handler({ request, client, ip });
      response.headers.set("cache-control", "no-store");
      return response;
    } catch (error) {
      const response = toErrorResponse(error);
      if (toApiError(error).code === "invalid_client") response.headers.set("www-authenticate", 'Basic realm="sso", charset="UTF-8"');
      return response;
    }
  });
}
