// The email field's schema, shared by sign-in and registration (readers and staff), with a
// message that names the field. Limits come from lib/account/field-limits.ts, which the
// forms' inputs read too.
import { z } from "zod";
import { FIELD_LIMITS } from "@/lib/account/field-limits";

export const emailSchema = z
  .string({ error: "Enter your email address." })
  .trim()
  .toLowerCase()
  .pipe(
    z
      .string()
      .min(1, "Enter your email address.")
      .max(FIELD_LIMITS.email.max, `Your email address can be at most ${FIELD_LIMITS.email.max} characters long.`)
      .pipe(z.email("Enter a valid email address, like name@example.com.")),
  );

/** A refused password sign-in, whatever was wrong: the address or the password (no enumeration). */
export const WRONG_CREDENTIALS_MESSAGE = "Email or password is incorrect.";
