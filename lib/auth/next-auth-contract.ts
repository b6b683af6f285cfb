// The next-auth (v4) endpoints a site exposes, as the product uses them (design §5): the
// shapes next-auth itself produces and accepts, written down for the API document. The
// handler is next-auth's; the rules around it are in app/site/[siteId]/api/auth/[...nextauth].
import { z } from "zod";

export const csrfResponseSchema = z.object({ csrfToken: z.string() });

export const nextAuthSessionResponseSchema = z
  .object({
    user: z.object({ id: z.uuid(), email: z.string(), name: z.string().nullable() }).optional(),
    expires: z.string().optional(),
  })
  .meta({ description: "The signed-in reader of THIS site session (read from our session store, not from next-auth's JWT), or {} when signed out." });

const csrfField = z.string().meta({ description: "From GET /api/auth/csrf (double-submit with next-auth's CSRF cookie)." });
const jsonField = z.enum(["true"]).optional().meta({ description: "Answer 200 with {url} instead of a 302." });
const callbackUrlField = z.string().optional().meta({ description: "Where next-auth sends the browser afterwards (same-site only)." });

export const credentialsFormSchema = z.object({
  csrfToken: csrfField,
  email: z.string().max(254),
  password: z.string().max(1024),
  json: jsonField,
  callbackUrl: callbackUrlField,
});

export const registerFormSchema = z.object({
  csrfToken: csrfField,
  email: z.string().max(254),
  password: z.string().max(1024).meta({ description: "At least 10 characters, not a common password, not containing the email's local part." }),
  name: z.string().max(100).optional(),
  return: z.string().max(2048).optional().meta({ description: "A path on this site: where the confirmation link brings the reader back." }),
  json: jsonField,
  callbackUrl: callbackUrlField,
});

export const signOutFormSchema = z.object({ csrfToken: csrfField, json: jsonField, callbackUrl: callbackUrlField });

export const nextAuthRedirectResponseSchema = z.object({ url: z.string() }).meta({ description: "With json=true: where the browser would have been redirected." });

/** A registration that did not sign in: the same answer for a new address that must be confirmed and for one that already has an account. */
export const checkEmailResponseSchema = z
  .object({ status: z.literal("check_email"), url: z.string() })
  .meta({ description: "Not signed in: the reader is asked to check their mail (a confirmation link, or — for an address that already has an account — how to sign in). Identical in both cases." });
