import { describe, expect, it } from "vitest";
import { checkOrgRole } from "./org-access";
import { NO_STAFF_SESSION, type StaffSession } from "./staff-sessions";

const session: StaffSession = {
  sessionId: "00000000-0000-4000-8000-000000000001",
  staff: { id: "s1", email: "a@example.test", name: "A" },
  memberships: [
    { orgId: "o-acme", slug: "acme", name: "Acme", role: "viewer" },
    { orgId: "o-globex", slug: "globex", name: "Globex", role: "owner" },
  ],
  secondFactor: null,
};

describe("checkOrgRole (who may do what in which organisation)", () => {
  it("refuses anonymous requests as unauthenticated", () => {
    expect(checkOrgRole(NO_STAFF_SESSION, { orgSlug: "acme", role: "viewer" })).toEqual({ ok: false, reason: "unauthenticated" });
  });

  it("answers not_found for an organisation the staff member is not in, exactly as for one that does not exist", () => {
    expect(checkOrgRole(session, { orgSlug: "initech", role: "viewer" })).toEqual({ ok: false, reason: "not_found" });
    expect(checkOrgRole(session, { orgSlug: "../acme", role: "viewer" })).toEqual({ ok: false, reason: "not_found" });
  });

  it("lets a viewer read but not manage", () => {
    expect(checkOrgRole(session, { orgSlug: "acme", role: "viewer" })).toMatchObject({ ok: true, role: "viewer", org: { id: "o-acme" } });
    expect(checkOrgRole(session, { orgSlug: "acme", role: "admin" })).toEqual({ ok: false, reason: "forbidden" });
  });

  it("gives an owner everything an admin may do", () => {
    expect(checkOrgRole(session, { orgSlug: "globex", role: "admin" })).toMatchObject({ ok: true, role: "owner", org: { id: "o-globex" } });
  });

  it("a session that has passed the password but not the second factor it owes reaches no organisation", () => {
    expect(checkOrgRole({ ...session, secondFactor: "verify" }, { orgSlug: "globex", role: "viewer" })).toEqual({ ok: false, reason: "second_factor" });
    expect(checkOrgRole({ ...session, secondFactor: "enrol" }, { orgSlug: "acme", role: "viewer" })).toEqual({ ok: false, reason: "second_factor" });
  });
});
