// Rules of hosted sign-in (lib/sso/hosted-sign-in.ts, hosted-pages.ts) against the real database;
// the HTTP-level tests are test/http/hosted-sign-in.test.ts and e2e/hosted-sign-in.spec.ts.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { hashSecret } from "@/lib/security/secrets";
import { createFixtureOrg, createFixtureReader } from "@/lib/admin/test-fixtures";
import { completeHostedSignIn, findHostedSite, isHostedSignInOn, sitePagePath } from "./hosted-sign-in";
import { isHostedCsrfValid, renderHostedPage, safeBrandColor } from "./hosted-pages";
import { createSsoToken } from "./sso-tokens";

const STATE = "s".repeat(43);

describe("hosted sign-in rules", () => {
  it("the hosted page finds only a site of the auth domain's own organisation (a site id of another organisation is not found)", async () => {
    const org = await createFixtureOrg({ mode: "auto_login", sites: ["news"] });
    const other = await createFixtureOrg({ mode: "auto_login", sites: ["elsewhere"] });
    await expect(findHostedSite({ orgId: org.id, siteSlug: "news" })).resolves.toMatchObject({ id: org.site("news").id });
    await expect(findHostedSite({ orgId: org.id, siteSlug: "elsewhere" })).rejects.toMatchObject({ code: "unknown_site" });
    await expect(findHostedSite({ orgId: other.id, siteSlug: "elsewhere" })).resolves.toMatchObject({ id: other.site("elsewhere").id });
  });

  it("a hosted sign-in authenticates this browser's token, replaces its secret, and mints an OTT for the registered callback that carries the sign-in", async () => {
    const org = await createFixtureOrg({ mode: "auto_login", sites: ["news"] });
    const reader = await createFixtureReader(org.id);
    const token = await createSsoToken(org.id);
    const site = await findHostedSite({ orgId: org.id, siteSlug: "news" });
    const done = await completeHostedSignIn({ site, state: STATE, readerId: reader.id, method: "password", tokenSecret: token.secret });
    expect(done.newTokenSecret).not.toBe(token.secret);
    const row = await db.ssoToken.findUniqueOrThrow({ where: { id: token.id } });
    expect(row.readerId).toBe(reader.id);
    expect(Buffer.from(row.secretHash).equals(Buffer.from(hashSecret(done.newTokenSecret)))).toBe(true);
    const url = new URL(done.redirectTo);
    expect(`${url.origin}${url.pathname}`).toBe(site.callbackUrl);
    const ott = await db.oneTimeToken.findFirstOrThrow({ where: { ssoTokenId: token.id } });
    expect(ott.signInMethod).toBe("password");
    expect(Buffer.from(ott.stateHash).equals(Buffer.from(hashSecret(STATE)))).toBe(true);
  });

  it("hosted sign-in applies only where the site is in SSO (under Disabled the auth domain is never visited)", () => {
    expect(isHostedSignInOn({ hostedSignIn: true, mode: "auto_login" })).toBe(true);
    expect(isHostedSignInOn({ hostedSignIn: true, mode: "opt_in" })).toBe(true);
    expect(isHostedSignInOn({ hostedSignIn: true, mode: "disabled" })).toBe(false);
    expect(isHostedSignInOn({ hostedSignIn: false, mode: "auto_login" })).toBe(false);
    expect(sitePagePath("continue", "/a b")).toBe("/signin?here=1&return=%2Fa%20b");
    expect(sitePagePath("register", "/")).toBe("/register?here=1&return=%2F");
  });

  it("the hosted form's CSRF token must equal this browser's cookie (double submit, constant-time)", () => {
    const token = "t".repeat(43);
    expect(isHostedCsrfValid(token, token)).toBe(true);
    expect(isHostedCsrfValid(token, "u".repeat(43))).toBe(false);
    expect(isHostedCsrfValid(undefined, token)).toBe(false);
    expect(isHostedCsrfValid("", "")).toBe(false);
  });

  it("a site's colour and names cannot inject markup or CSS into the hosted page", async () => {
    expect(safeBrandColor("#1b7f3b")).toBe("#1b7f3b");
    expect(safeBrandColor("red;}body{display:none")).toBe("#1f4e8c");
    const org = await createFixtureOrg({ mode: "auto_login", sites: ["news"] });
    const site = { ...(await findHostedSite({ orgId: org.id, siteSlug: "news" })), name: `<script>alert(1)</script>`, logoText: `"><img src=x>` };
    const html = renderHostedPage({ site, view: "signin", state: STATE, csrf: "c".repeat(43) });
    expect(html).not.toContain("<script>");
    expect(html).not.toContain("<img");
  });
});
