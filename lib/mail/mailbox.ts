// An RFC 5322 mailbox as a From: `addr@domain` or `Display Name <addr@domain>`. A narrow subset
// on purpose: one address, printable characters only — a line break in a From would let a
// setting write its own mail headers. Pure (the console's form validates with it too).
import { z } from "zod";

const ADDRESS = /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;
// A display name: plain words, or a quoted string without quotes or backslashes inside.
const NAMED = /^(?:"([^"\\\u0000-\u001f\u007f]{1,100})"|([A-Za-z0-9 .,'&()\-\u00a0-\uffff]{1,100}?))\s*<([^<>]+)>$/;

export const MAILBOX_MAX_LENGTH = 320;
export const MAILBOX_MESSAGE = "Enter one address, as addr@example.com or Name <addr@example.com>.";

export function isMailbox(value: string): boolean {
  if (value.length > MAILBOX_MAX_LENGTH || /[\u0000-\u001f\u007f]/.test(value)) return false;
  if (ADDRESS.test(value)) return true;
  const named = NAMED.exec(value);
  return named !== null && (named[1] ?? named[2] ?? "").trim() !== "" && ADDRESS.test(named[3] ?? "");
}

/** A From setting: a mailbox, or "" for "the server's MAIL_FROM". */
export const mailFromSettingSchema = z
  .string()
  .max(MAILBOX_MAX_LENGTH, MAILBOX_MESSAGE)
  .transform((value) => value.trim())
  .refine((value) => value === "" || isMailbox(value), MAILBOX_MESSAGE);
