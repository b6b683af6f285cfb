import { describe, expect, it } from "vitest";
import { afterSignInPath, consolePath } from "./page-access";

describe("afterSignInPath (no open redirect after staff sign-in)", () => {
  it("returns to a console page the staff member was sent away from, with its query string", () => {
    expect(afterSignInPath({ next: "/orgs/acme/audit?type=security", firstOrgSlug: "acme" })).toBe("/orgs/acme/audit?type=security");
    expect(afterSignInPath({ next: "/orgs/acme/audit?type=sso.ott_&from=2026-11-01&to=2026-11-27", firstOrgSlug: "acme" })).toBe(
      "/orgs/acme/audit?type=sso.ott_&from=2026-11-01&to=2026-11-27",
    );
    expect(afterSignInPath({ next: "/orgs/acme/readers?q=ada%40example.com", firstOrgSlug: "acme" })).toBe("/orgs/acme/readers?q=ada%40example.com");
  });

  it("ignores anything that is not a console page of this origin, query strings included", () => {
    const hostile = [
      "https://evil.example/",
      "//evil.example",
      "/\\evil.example",
      "/orgs/../../x",
      "/orgs/acme/../../evil.example",
      "/orgs/acme/%2e%2e/%2e%2e/x",
      "/orgs/acme//evil.example",
      "/orgs/acme/audit?type=x#//evil.example",
      "/orgs/acme/audit?\\@evil.example",
      "/orgs/acme/audit?type=x\r\nSet-Cookie:%20a=b",
      "/orgs/acme/audit\t?type=x",
      "/orgs/acme/audit?type=" + "a".repeat(3000),
      "javascript:alert(1)",
      "/api/orgs/acme/sso",
      "/orgs/",
      " /orgs/acme/audit",
    ];
    for (const next of hostile) expect(afterSignInPath({ next, firstOrgSlug: "acme" }), next).toBe("/orgs/acme/identity/settings");
  });

  it("a hostile query value stays a query value of a console page", () => {
    // Encoded, a URL in the query is data for the page, not a destination.
    const next = "/orgs/acme/audit?type=https%3A%2F%2Fevil.example%2F";
    expect(afterSignInPath({ next, firstOrgSlug: "acme" })).toBe(next);
    expect(new URL(afterSignInPath({ next, firstOrgSlug: "acme" }), "http://admin.localhost").host).toBe("admin.localhost");
  });

  it("falls back to the sign-in page's own redirect when there is no organisation yet", () => {
    expect(afterSignInPath({ next: null, firstOrgSlug: null })).toBe("/");
  });
});

describe("consolePath (the page's own path, for the sign-in page to come back to)", () => {
  it("keeps the query string, repeated parameters included", () => {
    expect(consolePath("/orgs/acme/audit", { type: "security", from: "2026-11-01", empty: undefined })).toBe("/orgs/acme/audit?type=security&from=2026-11-01");
    expect(consolePath("/orgs/acme/readers", { q: ["a b", "c&d"] })).toBe("/orgs/acme/readers?q=a+b&q=c%26d");
    expect(consolePath("/orgs/acme/sites")).toBe("/orgs/acme/sites");
  });
});
