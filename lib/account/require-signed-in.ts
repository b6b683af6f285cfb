import { ApiError } from "@/lib/errors";
import type { SiteContext } from "@/lib/sso/site-context";

/** The signed-in reader of this request, or a 401. */
export function requireSignedIn(context: SiteContext): { readerId: string; sessionId: string } {
  const readerId = context.session?.readerId;
  if (!context.session || !readerId) throw new ApiError("unauthorized", "Sign in first.");
  return { readerId, sessionId: context.session.id };
}
