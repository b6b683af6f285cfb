// Per-test data with unique ids (no shared state between tests): an organisation with its own
// auth host and sites on unique *.localhost hostnames, callbacks registered on the test
// server's port, and readers with known passwords.
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db/client";
import { hashPassword } from "@/lib/auth/password";
import type { SsoMode } from "@/lib/generated/prisma/enums.ts";
import { appPort } from "./browser";
import { demoCallbackUrl, type DemoScheme } from "@/prisma/demo-data";

export type TestSite = { id: string; slug: string; host: string; name: string };
export type TestOrg = {
  id: string;
  slug: string;
  authHost: string;
  sites: Record<string, TestSite>;
  site: (slug: string) => TestSite;
  createReader: (options?: { email?: string; password?: string; displayName?: string }) => Promise<{ id: string; email: string; password: string }>;
  setMode: (mode: SsoMode) => Promise<void>;
};

let passwordHashCache: Promise<string> | null = null;
const DEFAULT_PASSWORD = "correct-horse-battery-staple";

export async function createTestOrg(options: { mode: SsoMode; sites?: string[]; ottTtlSeconds?: number; port?: number; scheme?: DemoScheme }): Promise<TestOrg> {
  const port = options.port ?? appPort();
  const tag = randomUUID().slice(0, 8);
  const authHost = `auth-${tag}.localhost`;
  const org = await db.organization.create({
    data: { slug: `org-${tag}`, name: `Test Org ${tag}`, authHost, ssoMode: options.mode, ...(options.ottTtlSeconds ? { ottTtlSeconds: options.ottTtlSeconds } : {}) },
  });
  const sites: Record<string, TestSite> = {};
  for (const slug of options.sites ?? ["news", "sport", "recipes"]) {
    const host = `${slug}-${tag}.localhost`;
    const name = `${slug[0]?.toUpperCase()}${slug.slice(1)} ${tag}`;
    const site = await db.site.create({
      data: { orgId: org.id, slug, name, logoText: name.toUpperCase(), callbackUrl: demoCallbackUrl(host, port, options.scheme) },
    });
    await db.siteHostname.create({ data: { hostname: host, siteId: site.id, isPrimary: true } });
    sites[slug] = { id: site.id, slug, host, name };
  }
  return {
    id: org.id,
    slug: org.slug,
    authHost,
    sites,
    site(slug) {
      const site = sites[slug];
      if (!site) throw new Error(`no test site ${slug}`);
      return site;
    },
    async createReader(readerOptions = {}) {
      const email = readerOptions.email ?? `reader-${randomUUID().slice(0, 8)}@example.com`;
      const password = readerOptions.password ?? DEFAULT_PASSWORD;
      passwordHashCache ??= hashPassword(DEFAULT_PASSWORD);
      const passwordHash = password === DEFAULT_PASSWORD ? await passwordHashCache : await hashPassword(password);
      const reader = await db.reader.create({ data: { orgId: org.id, email, displayName: readerOptions.displayName ?? null, passwordHash } });
      return { id: reader.id, email, password };
    },
    async setMode(mode) {
      await db.organization.update({ where: { id: org.id }, data: { ssoMode: mode } });
    },
  };
}
