import { describe, expect, it } from "vitest";
import { afterSignInPath } from "./page-access";

describe("afterSignInPath (no open redirect after staff sign-in)", () => {
  it("returns to a console page the staff member was sent away from", () => {
    expect(afterSignInPath({ next: "/orgs/acme/audit?type=security", firstOrgSlug: "acme" })).toBe("/orgs/acme/audit?type=security");
  });

  it("ignores anything that is not a console path", () => {
    for (const next of ["https://evil.example/", "//evil.example", "/\\evil.example", "/orgs/../../x", "/orgs/acme//evil.example", "javascript:alert(1)", "/api/orgs/acme/sso"]) {
      expect(afterSignInPath({ next, firstOrgSlug: "acme" }), next).toBe("/orgs/acme/identity/settings");
    }
  });

  it("falls back to the sign-in page's own redirect when there is no organisation yet", () => {
    expect(afterSignInPath({ next: null, firstOrgSlug: null })).toBe("/");
  });
});
