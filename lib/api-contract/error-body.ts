// The one JSON error shape (design §5; lib/errors.ts), as a schema for the API document.
import { z } from "zod";
import { errorStatus, type ErrorCode } from "@/lib/errors";

const errorCodes = Object.keys(errorStatus) as [ErrorCode, ...ErrorCode[]];

export const errorBodySchema = z
  .object({
    error: z.object({
      code: z.enum(errorCodes).meta({ description: "snake_case; each code has one HTTP status (lib/errors.ts)." }),
      message: z.string().meta({ description: "For people; never parse it." }),
    }),
  })
  .meta({ description: "Every JSON error: {\"error\": {\"code\", \"message\"}}." });
