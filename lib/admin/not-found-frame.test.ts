import { describe, expect, it } from "vitest";
import { pickNotFoundFrame } from "./not-found-frame";
import type { OrgMembership } from "./staff-sessions";

const acme: OrgMembership = { orgId: "1", slug: "acme", name: "Acme", role: "admin" };
const initech: OrgMembership = { orgId: "2", slug: "initech", name: "Initech", role: "viewer" };

describe("the not-found page of the console never reveals which organisations exist", () => {
  it("frames an organisation the staff member is not in exactly like one that does not exist", () => {
    const notMember = pickNotFoundFrame({ memberships: [acme, initech], publicPath: "/orgs/globex/audit" });
    const missing = pickNotFoundFrame({ memberships: [acme, initech], publicPath: "/orgs/no-such-org/audit" });
    expect(notMember).toEqual(acme);
    expect(missing).toEqual(notMember);
  });

  it("keeps the staff member's own organisation around an unknown page of it", () => {
    expect(pickNotFoundFrame({ memberships: [acme, initech], publicPath: "/orgs/initech/no-such-page" })).toEqual(initech);
  });

  it("has no frame for someone without an organisation", () => {
    expect(pickNotFoundFrame({ memberships: [], publicPath: "/orgs/acme/x" })).toBeNull();
  });
});
