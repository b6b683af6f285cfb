// `npm run site:register-external -- <org slug> <site slug> <callback URL> [--name "Site name"]`
// Registers a site this app does not serve (README, "External sites") and prints its client
// id and secret ONCE (only the secret's hash is stored; rotate it with site:rotate-secret).
import { parseArgs } from "node:util";
import { db } from "@/lib/db/client";
import { toApiError } from "@/lib/errors";
import { registerExternalSite } from "@/lib/sso/external/site-client";

const usage = 'usage: npm run site:register-external -- <org slug> <site slug> <callback URL> [--name "Site name"]';

async function main(): Promise<number> {
  const { positionals, values } = parseArgs({ allowPositionals: true, options: { name: { type: "string" } } });
  const [orgSlug, siteSlug, callbackUrl] = positionals;
  if (!orgSlug || !siteSlug || !callbackUrl || positionals.length !== 3 || !/^[a-z0-9][a-z0-9-]{0,62}$/.test(siteSlug)) {
    console.error(usage);
    return 2;
  }
  const org = await db.organization.findUnique({ where: { slug: orgSlug }, select: { id: true } });
  if (!org) {
    console.error(`site:register-external: no organisation ${orgSlug}`);
    return 1;
  }
  const site = await registerExternalSite({ orgId: org.id, slug: siteSlug, name: values.name ?? siteSlug, callbackUrl });
  console.log(`site:          ${orgSlug}/${siteSlug} (external), callback ${callbackUrl}`);
  console.log(`client id:     ${site.clientId}`);
  console.log(`client secret: ${site.clientSecret}`);
  console.log("");
  console.log("The secret is shown once and cannot be recovered; store it in the site's configuration now.");
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    const apiError = toApiError(error);
    console.error(`site:register-external: ${apiError.code === "internal_error" && error instanceof Error ? error.message : apiError.message}`);
    process.exit(1);
  },
);
