// `npm run site:rotate-secret -- <org slug> <site slug> [--grace-seconds N]`
// Gives an external site a new client secret and prints it ONCE (only its hash is stored).
// With --grace-seconds, the previous secret keeps working that long, so the site can deploy
// the new one without an outage; without it, the previous secret stops working now.
import { hostname, userInfo } from "node:os";
import { parseArgs } from "node:util";
import { toApiError } from "@/lib/errors";
import { rotateClientSecret } from "@/lib/sso/external/site-client";

const usage = "usage: npm run site:rotate-secret -- <org slug> <site slug> [--grace-seconds N]";

async function main(): Promise<number> {
  const { positionals, values } = parseArgs({ allowPositionals: true, options: { "grace-seconds": { type: "string" } } });
  const [orgSlug, siteSlug] = positionals;
  if (!orgSlug || !siteSlug || positionals.length !== 2) {
    console.error(usage);
    return 2;
  }
  const graceSeconds = values["grace-seconds"] === undefined ? 0 : Number(values["grace-seconds"]);
  // No staff account at the CLI: the audit log names the operating-system user and machine.
  const rotated = await rotateClientSecret({ orgSlug, siteSlug, graceSeconds, actor: { cli: `${userInfo().username}@${hostname()}` } });
  console.log(`client id:     ${rotated.clientId}`);
  console.log(`client secret: ${rotated.clientSecret}`);
  console.log("");
  console.log("This secret is shown once and cannot be recovered; store it in the site's configuration now.");
  console.log(
    rotated.previousSecretValidUntil
      ? `The previous secret keeps working until ${rotated.previousSecretValidUntil.toISOString()}.`
      : "The previous secret no longer works.",
  );
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    const apiError = toApiError(error);
    console.error(`site:rotate-secret: ${apiError.code === "internal_error" && error instanceof Error ? error.message : apiError.message}`);
    process.exit(1);
  },
);
