// Every sentence the product mails, kept together so they can be translated later (one object
// per language; English only for now). Each message: a subject, a heading, paragraphs, an
// optional button (the link), an optional code, and why the reader got it. `{site}` is the
// site's name; other placeholders are filled by the caller through the functions' arguments.
import { formatWait } from "@/lib/format/duration-words";

export type MailContent = {
  subject: string;
  heading: string;
  paragraphs: string[];
  action?: { label: string; url: string };
  code?: string;
  /** The last line: why this mail came, and what to do if it was not the reader who asked. */
  footer: string;
};

type Site = { name: string };

export const readerMessages = {
  verifyEmail: (site: Site, url: string, expiresInSeconds: number): MailContent => ({
    subject: `Confirm your email for ${site.name}`,
    heading: "Confirm your email address",
    paragraphs: [`Thanks for creating an account on ${site.name}. Confirm that this address is yours to finish.`, `The link works for ${formatWait(expiresInSeconds)}.`],
    action: { label: "Confirm my email", url },
    footer: `You received this because this address was used to create an account on ${site.name}. If that was not you, ignore this mail: no account will be confirmed.`,
  }),
  alreadyRegistered: (site: Site, resetUrl: string, signInUrl: string): MailContent => ({
    subject: `You already have an account on ${site.name}`,
    heading: "You already have an account",
    paragraphs: [
      `Someone — probably you — tried to create an account on ${site.name} with this address, which already has one. Nothing was changed.`,
      `Sign in at ${signInUrl}, or if you forgot your password, reset it:`,
    ],
    action: { label: "Reset my password", url: resetUrl },
    footer: "If it was not you, ignore this mail: your account is unchanged and your password still works.",
  }),
  passwordReset: (site: Site, url: string, expiresInSeconds: number): MailContent => ({
    subject: `Reset your password for ${site.name}`,
    heading: "Reset your password",
    paragraphs: [
      `Use the button to choose a new password for your account on ${site.name}. The link works once, for ${formatWait(expiresInSeconds)}.`,
      "Setting a new password signs you out on every other device.",
    ],
    action: { label: "Choose a new password", url },
    footer: "If you did not ask for this, ignore this mail: your password stays as it is.",
  }),
  signInLink: (site: Site, url: string, code: string, expiresInSeconds: number): MailContent => ({
    subject: `Your sign-in link for ${site.name}`,
    heading: `Sign in to ${site.name}`,
    paragraphs: [
      `Use the button to sign in. It works once, for ${formatWait(expiresInSeconds)}.`,
      "On another device than the one where you asked? Type this code there instead:",
    ],
    action: { label: `Sign in to ${site.name}`, url },
    code,
    footer: "If you did not ask to sign in, ignore this mail: nobody can sign in without it.",
  }),
  confirmNewEmail: (site: Site, url: string, expiresInSeconds: number): MailContent => ({
    subject: `Confirm your new email for ${site.name}`,
    heading: "Confirm your new email address",
    paragraphs: [`Confirm that you want to use this address for your account on ${site.name}. The link works for ${formatWait(expiresInSeconds)}.`],
    action: { label: "Use this address", url },
    footer: "If you did not ask for this, ignore this mail: the account keeps its current address.",
  }),
  emailChangeRequested: (site: Site, newEmail: string): MailContent => ({
    subject: `Your email on ${site.name} is about to change`,
    heading: "A new email address was requested",
    paragraphs: [`Someone signed in to your account on ${site.name} asked to use ${newEmail} instead of this address. It changes once the new address is confirmed.`],
    footer: `If that was not you, sign in and change your password now; until ${newEmail} is confirmed, this address stays the account's.`,
  }),
  emailChanged: (site: Site, newEmail: string): MailContent => ({
    subject: `Your email on ${site.name} was changed`,
    heading: "Your email address was changed",
    paragraphs: [`Your account on ${site.name} now uses ${newEmail}. Mail for the account goes there from now on.`],
    footer: "If that was not you, contact the site's support at once.",
  }),
  confirmDeletion: (site: Site, url: string, expiresInSeconds: number): MailContent => ({
    subject: `Confirm the deletion of your account on ${site.name}`,
    heading: "Delete your account?",
    paragraphs: [
      `You asked to delete your account on ${site.name}. Deleting it signs you out everywhere and erases your profile; it cannot be undone.`,
      `The link works once, for ${formatWait(expiresInSeconds)}.`,
    ],
    action: { label: "Delete my account", url },
    footer: "If you did not ask for this, ignore this mail: your account stays as it is.",
  }),
  passwordChanged: (site: Site): MailContent => ({
    subject: `Your password on ${site.name} was changed`,
    heading: "Your password was changed",
    paragraphs: [`The password of your account on ${site.name} was just changed.`],
    footer: "If that was not you, reset your password at once from the sign-in page.",
  }),
  lockedOut: (site: Site, resetUrl: string, windowSeconds: number): MailContent => ({
    subject: `Sign-in to your ${site.name} account was paused`,
    heading: "Too many wrong passwords",
    paragraphs: [
      `Several wrong passwords were entered for your account on ${site.name}, so sign-in with a password from that place is paused for ${formatWait(windowSeconds)}. Devices you signed in from before are not affected.`,
      "If it was you and you forgot your password, reset it:",
    ],
    action: { label: "Reset my password", url: resetUrl },
    footer: "If it was not you, your account is safe: nobody got in. A long, unique password keeps it that way.",
  }),
} as const;
