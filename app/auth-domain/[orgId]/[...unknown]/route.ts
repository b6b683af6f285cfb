// Any other path on an auth domain: a plain 404 page (the auth domain serves no React pages)
// that says, in words, what this domain is and that nothing lives at this address.
import { z } from "zod";
import { reportError } from "@/lib/errors";
import { plainErrorResponse } from "@/lib/http/error-response";
import { getOrgSummary } from "@/lib/sites/get-org-summary";

async function notFound(_request: Request, { params }: { params: Promise<{ orgId: string }> }): Promise<Response> {
  // Always the HTML page: the auth domain's /api/* has its own JSON 404 route.
  const pathname = "/";
  try {
    const parsed = z.uuid().safeParse((await params).orgId);
    const org = parsed.success ? await getOrgSummary(parsed.data) : null;
    const message = org ? `This address belongs to ${org.name}'s sign-on service, which has no page here.` : "There is no page at this address.";
    return plainErrorResponse({ status: 404, code: "not_found", message, pathname });
  } catch (error) {
    const apiError = reportError("auth-domain", error);
    return plainErrorResponse({ status: apiError.status, code: apiError.code, message: apiError.message, pathname });
  }
}

export { notFound as GET, notFound as POST, notFound as PUT, notFound as PATCH, notFound as DELETE };
