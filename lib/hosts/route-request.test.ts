import { describe, expect, it } from "vitest";
import { internalPathFor } from "./route-request";

const site = { kind: "site", orgId: "o1", siteId: "s1" } as const;

describe("internalPathFor", () => {
  it("rewrites each part under its own prefix", () => {
    expect(internalPathFor(site, "/")).toBe("/site/s1");
    expect(internalPathFor(site, "/articles/x")).toBe("/site/s1/articles/x");
    expect(internalPathFor({ kind: "auth-domain", orgId: "o1" }, "/sso/handshake")).toBe("/auth-domain/o1/sso/handshake");
    expect(internalPathFor({ kind: "admin" }, "/")).toBe("/admin");
  });

  it("keeps internal folders unreachable: a path naming another part stays under this host's prefix", () => {
    expect(internalPathFor(site, "/admin")).toBe("/site/s1/admin");
    expect(internalPathFor(site, "/site/s2")).toBe("/site/s1/site/s2");
    expect(internalPathFor({ kind: "admin" }, "/site/s1")).toBe("/admin/site/s1");
  });
});
