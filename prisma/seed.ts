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

export async function seedDemoData(options: SeedOptions): Promise<void> {
  if (env.NODE_ENV === "production" && !env.SEED_ALLOW_PRODUCTION) {
    throw new Error("Refusing to seed demo data with NODE_ENV=production (set SEED_ALLOW_PRODUCTION=1 to force)");
  }
  const port = options.port ?? env.PORT;
  const log = options.log ?? (() => {});
  const db = new PrismaClient({ adapter: new PrismaPg({ connectionString: options.connectionString, max: 2 }) });
  try {
    for (const demoOrg of demoOrganizations) {
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
        await db.reader.create({
          data: {
            orgId: org.id,
            email: reader.email,
            displayName: reader.displayName,
            passwordHash: await hashPassword(reader.password),
          },
        });
      }
      log(`seeded organisation ${demoOrg.slug} (${demoOrg.sites.length} sites, ${demoOrg.readers.length} readers)`);
    }
    for (const member of demoStaff) {
      const staff =
        (await db.staff.findUnique({ where: { email: member.email } })) ??
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
    log(`seeded ${demoStaff.length} staff accounts`);
    for (const demoSite of demoExternalSites) {
      const org = await db.organization.findUniqueOrThrow({ where: { slug: demoSite.org } });
      const fields = { name: demoSite.name, logoText: demoSite.name.toUpperCase(), callbackUrl: demoExternalCallbackUrl(demoSite.hostname, port), kind: "external" as const };
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
      log(`seeded external site ${demoSite.org}/${demoSite.slug} (callback ${fields.callbackUrl})`);
    }
  } finally {
    await db.$disconnect();
  }
}
