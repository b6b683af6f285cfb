// Seeds the demo data (design §6). Idempotent: a second run updates in place and keeps
// existing password hashes. Refuses NODE_ENV=production unless SEED_ALLOW_PRODUCTION=1.
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client.ts";
import { env } from "@/lib/env";
import { hashPassword } from "@/lib/auth/password";
import { hashSecret } from "@/lib/security/secrets";
import { demoCallbackUrl, demoExternalCallbackUrl, demoExternalSites, demoOrganizations, demoStaff } from "./demo-data";

export type SeedOptions = {
  connectionString: string;
  /** The port the demo hosts are served on; it is part of each site's registered callback. */
  port?: number;
  log?: (line: string) => void;
};

/** What a run added: 0 on a warm run (the data was already there; only callbacks follow the port). */
export type SeedSummary = { created: number; callbacksUpdated: number };

/** "1 site", "3 sites". */
function countOf(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}

/** "3 sites", or "3 sites (1 new)" when some were already there. */
function withNew(created: number, total: number, noun: string): string {
  return created === total || created === 0 ? countOf(total, noun) : `${countOf(total, noun)} (${created} new)`;
}

export async function seedDemoData(options: SeedOptions): Promise<SeedSummary> {
  if (env.NODE_ENV === "production" && !env.SEED_ALLOW_PRODUCTION) {
    throw new Error("Refusing to seed demo data with NODE_ENV=production (set SEED_ALLOW_PRODUCTION=1 to force)");
  }
  const port = options.port ?? env.PORT;
  const log = options.log ?? (() => {});
  const db = new PrismaClient({ adapter: new PrismaPg({ connectionString: options.connectionString, max: 2 }) });
  const summary: SeedSummary = { created: 0, callbacksUpdated: 0 };
  try {
    for (const demoOrg of demoOrganizations) {
      const orgExisted = (await db.organization.findUnique({ where: { slug: demoOrg.slug } })) !== null;
      let sitesCreated = 0;
      let readersCreated = 0;
      // The mode is only set when the organisation is created: a re-run must not undo an admin's choice.
      const org = await db.organization.upsert({
        where: { slug: demoOrg.slug },
        create: { slug: demoOrg.slug, name: demoOrg.name, authHost: demoOrg.authHost, ssoMode: demoOrg.ssoMode },
        update: { name: demoOrg.name, authHost: demoOrg.authHost },
      });
      for (const demoSite of demoOrg.sites) {
        const fields = {
          name: demoSite.name,
          themeColor: demoSite.themeColor,
          logoText: demoSite.logoText,
          callbackUrl: demoCallbackUrl(demoSite.hostname, port),
        };
        const before = await db.site.findUnique({ where: { orgId_slug: { orgId: org.id, slug: demoSite.slug } } });
        if (!before) sitesCreated += 1;
        else if (before.callbackUrl !== fields.callbackUrl) summary.callbacksUpdated += 1;
        const site = await db.site.upsert({
          where: { orgId_slug: { orgId: org.id, slug: demoSite.slug } },
          create: { orgId: org.id, slug: demoSite.slug, ...fields },
          update: fields,
        });
        await db.siteHostname.upsert({
          where: { hostname: demoSite.hostname },
          create: { hostname: demoSite.hostname, siteId: site.id, isPrimary: true },
          update: { siteId: site.id, isPrimary: true },
        });
      }
      for (const reader of demoOrg.readers) {
        const existing = await db.reader.findUnique({ where: { orgId_email: { orgId: org.id, email: reader.email } } });
        if (existing) continue;
        readersCreated += 1;
        await db.reader.create({
          data: {
            orgId: org.id,
            email: reader.email,
            displayName: reader.displayName,
            passwordHash: await hashPassword(reader.password),
            // The demo's accounts come verified: the reminder banner is for accounts registered in the demo.
            emailVerifiedAt: new Date(),
          },
        });
      }
      summary.created += (orgExisted ? 0 : 1) + sitesCreated + readersCreated;
      const contents = `${withNew(sitesCreated, demoOrg.sites.length, "site")}, ${withNew(readersCreated, demoOrg.readers.length, "reader")}`;
      log(orgExisted && sitesCreated + readersCreated === 0 ? `organisation ${demoOrg.slug}: already present (${contents})` : `organisation ${demoOrg.slug}: ${contents}`);
    }
    let staffCreated = 0;
    for (const member of demoStaff) {
      const existingStaff = await db.staff.findUnique({ where: { email: member.email } });
      if (!existingStaff) staffCreated += 1;
      const staff =
        existingStaff ??
        (await db.staff.create({
          data: { email: member.email, name: member.name, passwordHash: await hashPassword(member.password) },
        }));
      for (const membership of member.memberships) {
        const org = await db.organization.findUniqueOrThrow({ where: { slug: membership.org } });
        await db.staffMembership.upsert({
          where: { staffId_orgId: { staffId: staff.id, orgId: org.id } },
          create: { staffId: staff.id, orgId: org.id, role: membership.role },
          update: { role: membership.role },
        });
      }
    }
    summary.created += staffCreated;
    log(`staff: ${staffCreated === 0 ? `already present (${countOf(demoStaff.length, "account")})` : withNew(staffCreated, demoStaff.length, "account")}`);
    for (const demoSite of demoExternalSites) {
      const org = await db.organization.findUniqueOrThrow({ where: { slug: demoSite.org } });
      const fields = { name: demoSite.name, logoText: demoSite.name.toUpperCase(), callbackUrl: demoExternalCallbackUrl(demoSite.hostname, port), kind: "external" as const };
      const before = await db.site.findUnique({ where: { orgId_slug: { orgId: org.id, slug: demoSite.slug } } });
      if (!before) summary.created += 1;
      else if (before.callbackUrl !== fields.callbackUrl) summary.callbacksUpdated += 1;
      const site = await db.site.upsert({
        where: { orgId_slug: { orgId: org.id, slug: demoSite.slug } },
        create: { orgId: org.id, slug: demoSite.slug, ...fields },
        update: fields,
      });
      // Like the readers' passwords: a secret rotated since the first seed is kept.
      await db.siteClient.upsert({
        where: { siteId: site.id },
        create: { siteId: site.id, orgId: org.id, clientId: demoSite.clientId, secretHash: hashSecret(demoSite.clientSecret) },
        update: {},
      });
      log(`external site ${demoSite.org}/${demoSite.slug}${before ? " (already present)" : ""}: callback ${fields.callbackUrl}`);
    }
  } finally {
    await db.$disconnect();
  }
  return summary;
}
