// The limits of the reader's and staff's form fields, in ONE place: the server's schemas
// (lib/auth) refuse beyond them and the forms' inputs carry them as maxlength/minlength, so a
// reader meets the limit while typing instead of in an error after submitting. Pure: imported
// by client components.
export const FIELD_LIMITS = {
  /** A reader's display name (readers.display_name). */
  displayName: { max: 80 },
  /** RFC 5321's limit on a forward path. */
  email: { max: 254 },
  /** A password chosen now (NIST SP 800-63B: at least 8; we ask 10; allow long passphrases). */
  newPassword: { min: 10, max: 256 },
  /** A password typed at sign-in: only bounded so nobody hashes megabytes. */
  password: { max: 1024 },
} as const;
