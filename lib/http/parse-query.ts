// Query strings through zod, refusing repeated parameters: with `?site=a&site=b` one layer
// could read the first and another the last, and the two would disagree.
import type { z } from "zod";
import { ApiError } from "@/lib/errors";

export function parseQuery<T extends z.ZodType>(searchParams: URLSearchParams, schema: T): z.infer<T> {
  const entries: Record<string, string> = {};
  for (const [key, value] of searchParams) {
    if (key in entries) throw new ApiError("validation_failed", `${key}: given more than once`);
    entries[key] = value;
  }
  return schema.parse(entries);
}
