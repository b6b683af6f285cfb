// TOTP (RFC 6238) for staff sign-in, with the `otpauth` package: SHA-1, six digits, 30-second
// steps — what every authenticator app reads from a QR code. The secret (160 random bits) must
// be readable to check a code, so it is stored sealed with AES-256-GCM under a key derived from
// AUTH_SECRET (lib/mail/seal.ts, its own label), never in clear.
//
// A code is accepted for the current step and one step either side (clock drift), and returns
// the step it matched: the caller stores it, and no code of that step or an earlier one is
// accepted again (RFC 6238 §5.2: "the verifier MUST NOT accept the second attempt of the same OTP").
import { Secret, TOTP } from "otpauth";
import { renderSVG } from "uqr";
import { openSealedText, sealText } from "@/lib/mail/seal";

const PERIOD_SECONDS = 30;
const DIGITS = 6;
const SECRET_BYTES = 20;
const ISSUER = "multisite-sso";
const SEAL_LABEL = "staff totp secret v1";
/** Steps accepted either side of the current one. */
const WINDOW = 1;

export const TOTP_CODE_PATTERN = /^\d{6}$/;

function totpFor(secretBase32: string, label: string): TOTP {
  return new TOTP({ issuer: ISSUER, label, algorithm: "SHA1", digits: DIGITS, period: PERIOD_SECONDS, secret: Secret.fromBase32(secretBase32) });
}

/** A new secret, base32 (what authenticator apps take when typed). */
export function generateTotpSecret(): string {
  return new Secret({ size: SECRET_BYTES }).base32;
}

export function sealTotpSecret(secretBase32: string): Uint8Array<ArrayBuffer> {
  return sealText(secretBase32, SEAL_LABEL);
}

/** The secret, or null when it was sealed under another AUTH_SECRET (the staff member must set up again). */
export function openTotpSecret(sealed: Uint8Array): string | null {
  return openSealedText(sealed, SEAL_LABEL);
}

/** The otpauth:// URI an authenticator app reads from the QR code. */
export function totpUri(secretBase32: string, accountEmail: string): string {
  return totpFor(secretBase32, accountEmail).toString();
}

/** The QR code of `uri` as an SVG document (rendered on the server: no script, no third party). */
export function totpQrSvg(uri: string): string {
  return renderSVG(uri, { ecc: "M", pixelSize: 5, border: 2 });
}

/**
 * The time step `code` belongs to (within the window around `nowMs`), or null. `nowMs` is the
 * database's clock, like every time the console judges by.
 */
export function matchTotpStep(options: { secretBase32: string; code: string; nowMs: number }): number | null {
  if (!TOTP_CODE_PATTERN.test(options.code)) return null;
  const delta = totpFor(options.secretBase32, "check").validate({ token: options.code, timestamp: options.nowMs, window: WINDOW });
  if (delta === null) return null;
  return TOTP.counter({ period: PERIOD_SECONDS, timestamp: options.nowMs }) + delta;
}
