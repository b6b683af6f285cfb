// Readers open articles in several tabs at once. Each tab's handshake is its own: every tab
// ends on the article it asked for, in the state the mode gives (signed in / known / plain
// anonymous), after at most one handshake, and no concurrent handshake is mistaken for an
// attack (no sso.* security event). One browser context = one cookie jar shared by its tabs.
import type { BrowserContext, Page, Response } from "@playwright/test";
import { db } from "@/lib/db/client";
import type { SsoMode } from "@/lib/generated/prisma/enums.ts";
import { expect, signInViaUi, ssoStatusInPage, test } from "./support/fixtures";
import { hostUrl } from "./support/hosts";
import type { TestOrg } from "../test/http/factory";

const ARTICLES = ["derby-draw", "marathon-record", "youth-cup"];
/** One handshake is three redirects: site → auth domain → site's callback → the article. */
const REDIRECTS_PER_HANDSHAKE = 3;

type Tab = { page: Page; article: string; redirects: number; authNavigations: number };

function redirectCount(response: Response | null): number {
  let count = 0;
  for (let request = response?.request().redirectedFrom(); request; request = request.redirectedFrom()) count++;
  return count;
}

/** Opens every article of sport in its own tab, all navigations started together. */
async function openTogether(context: BrowserContext, org: TestOrg): Promise<Tab[]> {
  const sport = org.site("sport").host;
  const pages = await Promise.all(ARTICLES.map(() => context.newPage()));
  const authNavigations = pages.map(() => 0);
  pages.forEach((page, index) =>
    page.on("request", (request) => {
      if (request.isNavigationRequest() && new URL(request.url()).hostname === org.authHost) authNavigations[index] = (authNavigations[index] ?? 0) + 1;
    }),
  );
  const responses = await Promise.all(pages.map((page, index) => page.goto(hostUrl(sport, `/articles/${ARTICLES[index]}`))));
  return pages.map((page, index) => ({ page, article: ARTICLES[index] as string, redirects: redirectCount(responses[index] ?? null), authNavigations: authNavigations[index] ?? 0 }));
}

async function ssoSecurityEvents(org: TestOrg) {
  // The organisation is this test's own, made in the database: any sso.* row is the tabs' doing.
  return db.auditEvent.findMany({ where: { orgId: org.id, type: { startsWith: "sso." } }, select: { type: true, data: true } });
}

async function expectOwnArticles(tabs: Tab[], org: TestOrg): Promise<void> {
  // Every tab's journey in each message: a failure shows what all of them did.
  const journeys = JSON.stringify(tabs.map((t) => ({ asked: t.article, at: new URL(t.page.url()).pathname, redirects: t.redirects, handshakes: t.authNavigations })));
  for (const tab of tabs) {
    expect(new URL(tab.page.url()).pathname, `tab opened on ${tab.article}; tabs: ${journeys}`).toBe(`/articles/${tab.article}`);
    expect(new URL(tab.page.url()).hostname).toBe(org.site("sport").host);
    expect(tab.redirects, `redirects of the ${tab.article} tab; tabs: ${journeys}`).toBeLessThanOrEqual(REDIRECTS_PER_HANDSHAKE);
    expect(tab.authNavigations, `handshakes of the ${tab.article} tab; tabs: ${journeys}`).toBeLessThanOrEqual(1);
  }
}

const expectations: Record<SsoMode, { testId: string; status: string; handshakes: boolean }> = {
  auto_login: { testId: "signed-in-as", status: "authenticated", handshakes: true },
  opt_in: { testId: "consent-prompt", status: "known", handshakes: true },
  disabled: { testId: "signed-out", status: "unknown", handshakes: false },
};

// Three tabs through a handshake each, plus a sign-in: more than one page's worth of work.
test.describe.configure({ timeout: 60_000 });

for (const mode of ["auto_login", "opt_in", "disabled"] as const) {
  test(`${mode}: three articles opened in three tabs at once each land on their own article, ${expectations[mode].status}, at most one handshake each, no security event`, async ({ page, context, makeOrg }) => {
    const org = await makeOrg(mode);
    const reader = await org.createReader();
    await signInViaUi(page, org.site("news").host, reader);

    const tabs = await openTogether(context, org);
    await expectOwnArticles(tabs, org);
    const expected = expectations[mode];
    for (const tab of tabs) {
      await expect(tab.page.getByTestId(expected.testId), `tab ${tab.article}`).toBeVisible();
      if (mode !== "auto_login") await expect(tab.page.getByTestId("signed-in-as"), `tab ${tab.article}`).toHaveCount(0);
      if (mode === "disabled") await expect(tab.page.getByTestId("consent-prompt")).toHaveCount(0);
      if (!expected.handshakes) expect(tab.authNavigations).toBe(0);
    }
    // What the tabs rendered is what the browser now holds, in every tab.
    for (const tab of tabs) expect((await ssoStatusInPage(tab.page)).status, `status in tab ${tab.article}`).toBe(expected.status);
    expect(await ssoSecurityEvents(org)).toEqual([]);
  });
}

test("auto_login, a fresh browser: three first visits at once each land on their own article, and a sign-in afterwards is recognised on the other sites", async ({ context, makeOrg }) => {
  const org = await makeOrg("auto_login");
  const reader = await org.createReader();
  const tabs = await openTogether(context, org);
  await expectOwnArticles(tabs, org);
  for (const tab of tabs) await expect(tab.page.getByTestId("signed-out"), `tab ${tab.article}`).toBeVisible();

  // The tabs' handshakes leave this browser one SSO token that its sport session is linked to:
  // signing in on sport signs the browser in on news too.
  const [first] = tabs;
  if (!first) throw new Error("no tab");
  await signInViaUi(first.page, org.site("sport").host, reader);
  await first.page.goto(hostUrl(org.site("news").host, "/"));
  await expect(first.page.getByTestId("signed-in-as")).toBeVisible();
  expect(await ssoSecurityEvents(org)).toEqual([]);
});
