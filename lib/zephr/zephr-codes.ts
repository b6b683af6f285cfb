// Where Zephr documents a different status for the same refusal (its login answers 401 where the
// product's use_sso says 409 not_known; its reset completion 404 for an unknown state where the
// product says 400 invalid_link), the Zephr route renames the code — the rule, its message and
// the refusal itself stay the product's. One table per operation, here.
import { ApiError, type ErrorCode } from "@/lib/errors";

export type CodeMap = Partial<Record<ErrorCode, ErrorCode>>;

export const ZEPHR_CODES = {
  login: { not_known: "unauthorized" },
  meta: { not_linked: "bad_request" },
  logout: { not_signed_in: "bad_request" },
  resetComplete: { invalid_link: "not_found" },
} as const satisfies Record<string, CodeMap>;

/** Runs `work`; an ApiError whose code `map` renames is thrown again under the new code. */
export async function withZephrCodes<T>(map: CodeMap, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const renamed = error instanceof ApiError ? map[error.code] : undefined;
    if (error instanceof ApiError && renamed) throw new ApiError(renamed, error.message);
    throw error;
  }
}
