// Integration: host resolution against the real database.
import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { clearHostCache, findHostTarget, resolveHost } from "./resolve-host";
import { routeRequest } from "./route-request";

const tag = randomUUID().slice(0, 8);
const authHost = `auth.t${tag}.test`;
const siteHost = `news.t${tag}.test`;

const org = await db.organization.create({ data: { slug: `org-${tag}`, name: `Org ${tag}`, authHost } });
const site = await db.site.create({
  data: { orgId: org.id, slug: "news", name: "News", logoText: "NEWS", callbackUrl: `https://${siteHost}/sso/callback` },
});
await db.siteHostname.create({ data: { hostname: siteHost, siteId: site.id, isPrimary: true } });

afterAll(async () => {
  await db.organization.delete({ where: { id: org.id } });
});

describe("host resolution", () => {
  it("resolves a site's hostname to that site and its organisation", async () => {
    expect(await findHostTarget(siteHost)).toEqual({ kind: "site", orgId: org.id, siteId: site.id });
  });

  it("resolves an organisation's auth host to its auth domain", async () => {
    expect(await findHostTarget(authHost)).toEqual({ kind: "auth-domain", orgId: org.id });
  });

  it("resolves the configured admin host without the database", async () => {
    expect(await resolveHost("admin.localhost")).toEqual({ kind: "admin" });
  });

  it("knows nothing of an unregistered host", async () => {
    expect(await resolveHost(`nowhere.t${tag}.test`)).toBeNull();
  });

  it("routes a request by Host, ignoring the port", async () => {
    const verdict = await routeRequest({ host: `${siteHost}:3000`, pathname: "/articles/a" });
    expect(verdict).toEqual({
      action: "rewrite",
      pathname: `/site/${site.id}/articles/a`,
      target: { kind: "site", orgId: org.id, siteId: site.id },
      host: `${siteHost}:3000`,
    });
  });

  it("answers 404 for an unknown host and 400 for a malformed one", async () => {
    expect(await routeRequest({ host: `nowhere.t${tag}.test`, pathname: "/" })).toMatchObject({ action: "reject", status: 404 });
    expect(await routeRequest({ host: "bad host", pathname: "/" })).toMatchObject({ action: "reject", status: 400 });
  });

  it("sees a hostname moved to another site once the cache is cleared (changes propagate within the TTL)", async () => {
    const other = await db.site.create({
      data: { orgId: org.id, slug: "sport", name: "Sport", logoText: "SPORT", callbackUrl: `https://sport.t${tag}.test/sso/callback` },
    });
    expect(await resolveHost(siteHost)).toMatchObject({ siteId: site.id });
    await db.siteHostname.update({ where: { hostname: siteHost }, data: { siteId: other.id } });
    clearHostCache();
    expect(await resolveHost(siteHost)).toMatchObject({ siteId: other.id });
  });
});
