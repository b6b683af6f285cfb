import { it, expect } from "vitest";
import { TestBrowser } from "../http/browser";
import { createTestOrg } from "../http/factory";
import { siteUrl } from "../http/flows";
import { send } from "../reliability/support/http";

it("repro", async () => {
  const org = await createTestOrg({ mode: "opt_in", sites: ["news", "sport"] });
  const news = org.site("news").host;
  const b = new TestBrowser();
  await b.navigate(siteUrl(news, "/"));
  const cookie = b.cookieHeader(news);
  const nav = { accept: "text/html,application/xhtml+xml", "sec-fetch-dest": "document", "sec-fetch-mode": "navigate", "sec-fetch-site": "none" };
  for (const c of [cookie, `; ${cookie}`, "", `a=b; ${cookie}`]) {
    const a = await send({ port: 3400, host: news, path: "/?", headers: { ...nav, "x-forwarded-for": "10.1.2.3", cookie: c } });
    console.log(JSON.stringify(c), a.status, a.headers["content-type"]);
    const d = await send({ port: 3400, host: news, path: "/", headers: { ...nav, "x-forwarded-for": "10.1.2.3", cookie: c } });
    console.log(JSON.stringify(c), d.status, d.headers["content-type"]);
  }
  expect(1).toBe(1);
});
