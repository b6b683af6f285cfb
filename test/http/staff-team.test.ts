// Staff management on the admin console, against the real server, Postgres and SMTP catcher:
// invitations (single use, expiring, never a key to an existing account), roles (owners only),
// the last-owner rule under concurrency, CSRF, and the audit trail.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { verifyPassword } from "@/lib/auth/password";
import { TestBrowser } from "./browser";
import { createTestOrg } from "./factory";
import { adminUrl, createTestStaff, signedInStaff, signInStaff } from "./admin-support";
import { mailedLink } from "./mail-steps";
import { acceptInvitation, changeRole, CROSS_SITE, invite, removeMember, roleOf } from "./staff-steps";

const NEW_PASSWORD = "colleague-password-77";

function newAddress(): string {
  return `colleague-${randomUUID().slice(0, 8)}@example.test`;
}

async function ownerOf(org: { id: string }) {
  const owner = await createTestStaff([{ orgId: org.id, role: "owner" }]);
  const browser = new TestBrowser();
  await signedInStaff(browser, owner);
  return { owner, browser };
}

describe("staff invitations", () => {
  it("an owner's invitation mails a single-use link: the colleague sets a password and joins with the role; the link cannot be used again", async () => {
    const org = await createTestOrg({ mode: "auto_login", sites: ["news"] });
    const { browser } = await ownerOf(org);
    const email = newAddress();
    const sentAt = new Date(Date.now() - 1000);
    expect((await invite(browser, org.slug, email, "admin")).status).toBe(201);
    const { token, url } = await mailedLink(email, /invited to the .* admin console/, "/invitation", sentAt);
    expect(url).toMatch(/^http:\/\/admin\.localhost:\d+\/invitation\?token=/);
    // The link is stored only as its hash.
    expect(await db.staffInvitation.count({ where: { email } })).toBe(1);
    const stored = await db.staffInvitation.findFirstOrThrow({ where: { email } });
    expect(Buffer.from(stored.tokenHash).toString("base64url")).not.toBe(token);

    const colleague = new TestBrowser();
    const accepted = await acceptInvitation(colleague, { token, name: "New Colleague", password: NEW_PASSWORD });
    expect(accepted.status).toBe(200);
    expect(accepted.json).toMatchObject({ joined: true, newAccount: true });
    const staff = await db.staff.findUniqueOrThrow({ where: { email } });
    expect(await roleOf(staff.id, org.id)).toBe("admin");
    // Accepting does not sign in.
    expect(colleague.cookieNames("admin.localhost").some((n) => n.includes("admin_session"))).toBe(false);
    expect((await signInStaff(colleague, email, NEW_PASSWORD)).status).toBe(200);

    const replay = await acceptInvitation(new TestBrowser(), { token, name: "Someone Else", password: "another-password-88" });
    expect(replay.status).toBe(400);
    expect(replay.json.error?.code).toBe("invalid_link");
    expect(await verifyPassword((await db.staff.findUniqueOrThrow({ where: { email } })).passwordHash, NEW_PASSWORD)).toBe(true);
    expect(await db.auditEvent.count({ where: { orgId: org.id, type: { in: ["staff.invited", "staff.invitation_accepted"] } } })).toBe(2);
  });

  it("an expired invitation link is refused", async () => {
    const org = await createTestOrg({ mode: "auto_login", sites: ["news"] });
    const { browser } = await ownerOf(org);
    const email = newAddress();
    const sentAt = new Date(Date.now() - 1000);
    await invite(browser, org.slug, email, "viewer");
    const { token } = await mailedLink(email, /invited/, "/invitation", sentAt);
    await db.$executeRaw`UPDATE staff_invitations SET expires_at = now() - interval '1 second' WHERE email = ${email}`;
    const answer = await acceptInvitation(new TestBrowser(), { token, name: "Late", password: NEW_PASSWORD });
    expect(answer.status).toBe(400);
    expect(await db.staff.count({ where: { email } })).toBe(0);
  });

  it("an invitation to an address that already has a staff account (of another organisation) never sets its password: joining needs that account's own password", async () => {
    const other = await createTestOrg({ mode: "auto_login", sites: ["news"] });
    const victim = await createTestStaff([{ orgId: other.id, role: "owner" }]);
    const org = await createTestOrg({ mode: "auto_login", sites: ["news"] });
    const { browser } = await ownerOf(org);
    const sentAt = new Date(Date.now() - 1000);
    expect((await invite(browser, org.slug, victim.email, "owner")).status).toBe(201);
    const { token } = await mailedLink(victim.email, /invited/, "/invitation", sentAt);

    const hijack = await acceptInvitation(new TestBrowser(), { token, name: "Attacker", password: "attacker-password-99" });
    expect(hijack.status).toBe(403);
    const after = await db.staff.findUniqueOrThrow({ where: { id: victim.id } });
    expect(await verifyPassword(after.passwordHash, victim.password)).toBe(true);
    expect(await roleOf(victim.id, org.id)).toBeNull();

    const joined = await acceptInvitation(new TestBrowser(), { token, password: victim.password });
    expect(joined.status).toBe(200);
    expect(joined.json).toMatchObject({ newAccount: false });
    expect(await roleOf(victim.id, org.id)).toBe("owner");
    expect(await roleOf(victim.id, other.id)).toBe("owner");
  });

  it("only owners invite: an admin's invitation is refused with 403 and no mail is written", async () => {
    const org = await createTestOrg({ mode: "auto_login", sites: ["news"] });
    const admin = await createTestStaff([{ orgId: org.id, role: "admin" }]);
    const browser = new TestBrowser();
    await signedInStaff(browser, admin);
    const email = newAddress();
    const answer = await invite(browser, org.slug, email, "owner");
    expect(answer.status).toBe(403);
    expect(await db.staffInvitation.count({ where: { email } })).toBe(0);
    expect(await db.outboxMail.count({ where: { toAddress: email } })).toBe(0);
  });

  it("team changes refuse cross-site requests (CSRF): 403 csrf_failed, nothing changes", async () => {
    const org = await createTestOrg({ mode: "auto_login", sites: ["news"] });
    const { browser } = await ownerOf(org);
    const member = await createTestStaff([{ orgId: org.id, role: "viewer" }]);
    const email = newAddress();
    const invited = await invite(browser, org.slug, email, "owner", CROSS_SITE);
    expect(invited.status).toBe(403);
    expect(invited.json.error?.code).toBe("csrf_failed");
    const promoted = await changeRole(browser, org.slug, member.id, "owner", CROSS_SITE);
    expect(promoted.status).toBe(403);
    expect(await roleOf(member.id, org.id)).toBe("viewer");
    expect(await db.staffInvitation.count({ where: { email } })).toBe(0);
  });
});

describe("staff roles", () => {
  it("only owners change roles: an admin cannot promote anyone (themselves included) to owner", async () => {
    const org = await createTestOrg({ mode: "auto_login", sites: ["news"] });
    const admin = await createTestStaff([{ orgId: org.id, role: "admin" }]);
    const browser = new TestBrowser();
    await signedInStaff(browser, admin);
    expect((await changeRole(browser, org.slug, admin.id, "owner")).status).toBe(403);
    expect(await roleOf(admin.id, org.id)).toBe("admin");
    const { browser: ownerBrowser } = await ownerOf(org);
    const promoted = await changeRole(ownerBrowser, org.slug, admin.id, "owner");
    expect(promoted.status).toBe(200);
    expect(await roleOf(admin.id, org.id)).toBe("owner");
    expect(await db.auditEvent.findFirst({ where: { orgId: org.id, type: "staff.role_changed" }, select: { data: true } })).toMatchObject({
      data: { staffId: admin.id, field: "role", old: "admin", new: "owner" },
    });
  });

  it("the last owner cannot be demoted or removed (409)", async () => {
    const org = await createTestOrg({ mode: "auto_login", sites: ["news"] });
    const { owner, browser } = await ownerOf(org);
    expect((await changeRole(browser, org.slug, owner.id, "admin")).status).toBe(409);
    expect((await removeMember(browser, org.slug, owner.id)).status).toBe(409);
    expect(await roleOf(owner.id, org.id)).toBe("owner");
  });

  it("two owners demoting each other at the same moment leave the organisation with one owner", async () => {
    for (let round = 0; round < 4; round++) {
      const org = await createTestOrg({ mode: "auto_login", sites: ["news"] });
      const a = await ownerOf(org);
      const b = await ownerOf(org);
      const [first, second] = await Promise.all([changeRole(a.browser, org.slug, b.owner.id, "viewer"), changeRole(b.browser, org.slug, a.owner.id, "viewer")]);
      expect([first.status, second.status].sort()).toEqual([200, 409]);
      expect(await db.staffMembership.count({ where: { orgId: org.id, role: "owner" } })).toBe(1);
    }
  });

  it("a removed member loses access on their next request, and the removal is audited", async () => {
    const org = await createTestOrg({ mode: "auto_login", sites: ["news"] });
    const { browser } = await ownerOf(org);
    const member = await createTestStaff([{ orgId: org.id, role: "admin" }]);
    const memberBrowser = new TestBrowser();
    await signedInStaff(memberBrowser, member);
    expect((await memberBrowser.json(adminUrl(`/api/orgs/${org.slug}/sso`))).status).toBe(200);
    expect((await removeMember(browser, org.slug, member.id)).status).toBe(200);
    expect((await memberBrowser.json(adminUrl(`/api/orgs/${org.slug}/sso`))).status).toBe(404);
    expect(await db.auditEvent.count({ where: { orgId: org.id, type: "staff.removed" } })).toBe(1);
  });

  it("lists the team with roles and pending invitations for any role", async () => {
    const org = await createTestOrg({ mode: "auto_login", sites: ["news"] });
    const { browser } = await ownerOf(org);
    await invite(browser, org.slug, newAddress(), "viewer");
    const viewer = await createTestStaff([{ orgId: org.id, role: "viewer" }]);
    const viewerBrowser = new TestBrowser();
    await signedInStaff(viewerBrowser, viewer);
    const team = await viewerBrowser.json<{ members: unknown[]; invitations: unknown[]; twoFactorPolicy: string }>(adminUrl(`/api/orgs/${org.slug}/staff`));
    expect(team.status).toBe(200);
    expect(team.json.members).toHaveLength(2);
    expect(team.json.invitations).toHaveLength(1);
    expect(team.json.twoFactorPolicy).toBe("off");
  });
});
