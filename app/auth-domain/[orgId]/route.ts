// GET / on an organisation's auth domain — says what this domain is for. A plain page from a
// route handler, like every other answer of the auth domain (handshake redirects and refusals):
// it loads no script, and a database outage answers a clear 503 instead of a failed render.
import { z } from "zod";
import { reportError } from "@/lib/errors";
import { plainErrorResponse, plainHtmlResponse } from "@/lib/http/error-response";
import { getOrgSummary } from "@/lib/sites/get-org-summary";

export async function GET(_request: Request, { params }: { params: Promise<{ orgId: string }> }): Promise<Response> {
  try {
    const org = await getOrgSummary(z.uuid().parse((await params).orgId));
    if (!org) return plainErrorResponse({ status: 404, code: "unknown_host", message: "No site is served at this address.", pathname: "/" });
    return plainHtmlResponse({
      status: 200,
      title: `${org.name} sign-on`,
      heading: `${org.name} sign-on`,
      paragraphs: [
        `This domain only handles sign-on for ${org.name}. It links your sign-in across the organisation's websites and has nothing to show you directly.`,
      ],
      headers: { "x-robots-tag": "noindex" },
    });
  } catch (error) {
    const apiError = reportError("auth-domain", error);
    return plainErrorResponse({ status: apiError.status, code: apiError.code, message: apiError.message, pathname: "/" });
  }
}
