// The body of an error on a Zephr-compatible path (lib/zephr/zephr-errors.ts says why): the
// product's error shape plus Zephr's top-level `message`. Import-light: the proxy answers its own
// refusals of these paths with it (lib/http/error-response.ts).
import { errorBody, type ErrorBody, type ErrorCode } from "@/lib/errors";

export type ZephrErrorBody = ErrorBody & { message: string };

export function zephrErrorBody(code: ErrorCode, message: string): ZephrErrorBody {
  return { message, ...errorBody(code, message) };
}
