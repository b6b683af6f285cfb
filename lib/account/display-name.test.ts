import { describe, expect, test } from "vitest";
import { registrationSchema } from "@/lib/auth/register-reader";
import { displayNameSchema, hasInvisibleOrControlCharacter } from "./display-name";
import { FIELD_LIMITS } from "./field-limits";

describe("display names", () => {
  test("a display name with a bidirectional override or any control character is refused at registration", () => {
    const base = { email: "rita@example.com", password: "violet-harbour-27" };
    // U+202E makes "O'Brien\u202Eevil" display as "O'Brienlive".
    for (const name of ["O'Brien\u202Eevil", "Ann\u2066a", "Bob\u200Fby", "Tab\tName", "Line\nBreak", "Nul\u0000l", "Zero\u200Bwidth", "Bo\uFEFFm", "Sep\u2028x"]) {
      const parsed = registrationSchema.safeParse({ ...base, name });
      expect(parsed.success, JSON.stringify(name)).toBe(false);
      expect(parsed.error?.issues[0]?.message).toMatch(/^Your name contains an invisible or control character/);
    }
  });

  test("names in every script, with accents, apostrophes and joiners, are accepted", () => {
    for (const name of ["O'Brien", "Zoë Saldaña", "محمد", "שלום", "李小龍", "नमस्ते", "می\u200Cخواهم", "👩\u200D🔬 Ada"]) {
      expect(hasInvisibleOrControlCharacter(name), name).toBe(false);
      expect(displayNameSchema.parse(name)).toBe(name.normalize("NFC"));
    }
  });

  test(`a display name is at most ${FIELD_LIMITS.displayName.max} characters, counted as a reader counts them, and the message names the field`, () => {
    expect(displayNameSchema.safeParse("😀".repeat(FIELD_LIMITS.displayName.max)).success).toBe(true);
    const tooLong = displayNameSchema.safeParse("a".repeat(FIELD_LIMITS.displayName.max + 1));
    expect(tooLong.error?.issues[0]?.message).toBe(`Your name can be at most ${FIELD_LIMITS.displayName.max} characters long.`);
  });
});
