// Rule: site sessions and SSO tokens are revoked in one place (lib/sso/revoke-sessions.ts), so
// every revocation — logout, the console, the account page, a replayed OTT — stamps the same
// clock, takes the same locks in the same order and runs in the retrying helper's transaction.
import { describe, expect, it } from "vitest";
import { findInRuntimeSource } from "@/lib/db/source-files.test-support";

describe("site sessions and SSO tokens are revoked in one place", () => {
  it("nothing but lib/sso/revoke-sessions.ts writes revoked_at (staff sessions are their own table and verb)", () => {
    // API tokens (lib/admin/api-tokens.ts) are their own table and verb too.
    const allowed = new Set(["lib/sso/revoke-sessions.ts", "lib/admin/staff-sessions.ts", "lib/admin/api-tokens.ts"]);
    expect(findInRuntimeSource(/revoked_at\s*=(?!=)|revokedAt:(?!\s*(null|true)\b)/g, allowed)).toEqual([]);
  });
});
