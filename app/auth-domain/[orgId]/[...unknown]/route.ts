// Any other path on an auth domain: a plain 404 page (the auth domain serves no React pages).
import { plainErrorResponse } from "@/lib/http/error-response";

async function notFound(): Promise<Response> {
  return plainErrorResponse({ status: 404, code: "not_found", message: "There is nothing at this address.", pathname: "/" });
}

export { notFound as GET, notFound as POST, notFound as PUT, notFound as PATCH, notFound as DELETE };
