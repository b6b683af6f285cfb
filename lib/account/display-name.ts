// The rule for a display name, wherever one is written (registration today): trimmed, NFC,
// at most FIELD_LIMITS.displayName.max characters, and free of characters that change how the
// text AROUND them is displayed. A bidirectional override (U+202E) makes "O'Brien\u202Eevil"
// display as "O'Brienlive", and the name shows in headers, the account page and the console;
// control and other invisible format characters let two names look identical. Refused, not
// stripped: the reader sees what they typed and why it was refused.
// Allowed on purpose: ZWNJ and ZWJ (U+200C/U+200D), which Persian, Indic scripts and emoji
// sequences need and which cannot reorder text.
import { z } from "zod";
import { FIELD_LIMITS } from "./field-limits";

/** C0/C1 controls, line/paragraph separators, lone surrogates, and format characters (bidi
 *  embeddings, overrides, isolates and marks, zero-width space, BOM, …) except ZWNJ/ZWJ. */
const INVISIBLE_OR_CONTROL = /[\p{Cc}\p{Cs}\u2028\u2029]|(?![\u200C\u200D])\p{Cf}/u;

export function hasInvisibleOrControlCharacter(text: string): boolean {
  return INVISIBLE_OR_CONTROL.test(text);
}

/** The characters a reader counts, not UTF-16 units (an emoji is one). */
function characterCount(text: string): number {
  return [...text].length;
}

export const displayNameSchema = z
  .string()
  .transform((name) => name.normalize("NFC").trim())
  .refine((name) => !hasInvisibleOrControlCharacter(name), {
    message: "Your name contains an invisible or control character (such as a text-direction mark). Remove it and try again.",
  })
  .refine((name) => characterCount(name) <= FIELD_LIMITS.displayName.max, {
    message: `Your name can be at most ${FIELD_LIMITS.displayName.max} characters long.`,
  });
