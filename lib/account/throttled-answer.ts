// A refusal by the sign-in throttle answers 429 with Retry-After, like the sign-in itself
// (lib/auth/sign-in-outcome.ts); every other error goes on to the route wrapper.
import { toErrorResponse } from "@/lib/errors";
import { ThrottledError } from "./change-password";

export async function answerThrottled(work: () => Promise<Response>): Promise<Response> {
  try {
    return await work();
  } catch (error) {
    if (!(error instanceof ThrottledError)) throw error;
    const refused = toErrorResponse(error);
    refused.headers.set("retry-after", String(error.retryAfterSeconds));
    return refused;
  }
}
