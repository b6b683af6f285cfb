// Rows for the integration tests of lib/admin, created per test with unique ids (no shared
// state between tests; nothing here runs outside tests).
import { randomBytes, randomUUID } from "node:crypto";
import { db } from "@/lib/db/client";
import type { SsoMode, StaffRole } from "@/lib/generated/prisma/enums.ts";

export function randomHash(): Uint8Array<ArrayBuffer> {
  return new Uint8Array(randomBytes(32));
}

export async function createFixtureOrg(options: { mode?: SsoMode; sites?: string[] } = {}) {
  const tag = randomUUID().slice(0, 8);
  const org = await db.organization.create({
    data: { slug: `org-${tag}`, name: `Org ${tag}`, authHost: `auth-${tag}.test`, ssoMode: options.mode ?? "auto_login" },
  });
  const sites: Record<string, { id: string; slug: string; name: string }> = {};
  for (const slug of options.sites ?? ["news", "sport"]) {
    const site = await db.site.create({
      data: {
        orgId: org.id,
        slug,
        name: `${slug} ${tag}`,
        logoText: slug.toUpperCase(),
        callbackUrl: `https://${slug}-${tag}.test/sso/callback`,
        hostnames: { create: { hostname: `${slug}-${tag}.test`, isPrimary: true } },
      },
    });
    sites[slug] = { id: site.id, slug, name: site.name };
  }
  const site = (slug: string) => {
    const found = sites[slug];
    if (!found) throw new Error(`no fixture site ${slug}`);
    return found;
  };
  return { id: org.id, slug: org.slug, sites, site };
}

export async function createFixtureStaff(memberships: { orgId: string; role: StaffRole }[]) {
  const tag = randomUUID().slice(0, 8);
  return db.staff.create({
    data: { email: `staff-${tag}@example.test`, name: `Staff ${tag}`, passwordHash: "not-a-hash", memberships: { create: memberships } },
  });
}

export async function createFixtureReader(orgId: string, email?: string) {
  return db.reader.create({ data: { orgId, email: email ?? `reader-${randomUUID().slice(0, 8)}@example.com`, passwordHash: "not-a-hash" } });
}

const DAY_MS = 86_400_000;

export async function createFixtureToken(orgId: string, readerId: string | null) {
  return db.ssoToken.create({ data: { orgId, readerId, secretHash: randomHash(), expiresAt: new Date(Date.now() + 30 * DAY_MS) } });
}

export async function createFixtureSession(options: { orgId: string; siteId: string; readerId?: string | null; ssoTokenId?: string | null }) {
  return db.siteSession.create({
    data: {
      orgId: options.orgId,
      siteId: options.siteId,
      secretHash: randomHash(),
      readerId: options.readerId ?? null,
      authMethod: options.readerId ? "password" : null,
      signedInAt: options.readerId ? new Date() : null,
      ssoTokenId: options.ssoTokenId ?? null,
      expiresAt: new Date(Date.now() + 30 * DAY_MS),
    },
  });
}
