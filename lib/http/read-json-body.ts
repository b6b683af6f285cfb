// Reads a JSON request body with a size cap and validates it with a zod schema. Oversize →
// 413, not JSON → 400, wrong shape or unknown fields → 400; never a 500, never a partial read.
import type { z } from "zod";
import { ApiError } from "@/lib/errors";

export async function readJsonBody<T extends z.ZodType>(
  request: Request,
  schema: T,
  options: { maxBytes: number; allowEmpty?: boolean },
): Promise<z.infer<T>> {
  const text = await readTextCapped(request, options.maxBytes);
  if (text.trim() === "" && options.allowEmpty) return schema.parse(undefined);
  const contentType = request.headers.get("content-type") ?? "";
  if (!/^application\/(.+\+)?json\b/i.test(contentType)) {
    throw new ApiError("unsupported_media_type", "Send the body as application/json.");
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new ApiError("invalid_json", "The body is not valid JSON.");
  }
  return schema.parse(value);
}

/** Past the cap the rest of the body is read and dropped (up to this much), so the client gets its 413 instead of a stalled upload. */
const DRAIN_LIMIT_BYTES = 16 * 1024 * 1024;

/** The body as UTF-8 text, refused with 413 once it passes `maxBytes` (never kept whole). */
export async function readTextCapped(request: Request, maxBytes: number): Promise<string> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > maxBytes) throw new ApiError("payload_too_large", `The body must be at most ${maxBytes} bytes.`);
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      if (total > DRAIN_LIMIT_BYTES) {
        await reader.cancel();
        break;
      }
      continue;
    }
    chunks.push(value);
  }
  if (total > maxBytes) throw new ApiError("payload_too_large", `The body must be at most ${maxBytes} bytes.`);
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(Buffer.concat(chunks));
  } catch {
    throw new ApiError("invalid_json", "The body is not valid UTF-8.");
  }
}
