// React Server Components requests (`RSC: 1`) carry the client router's state in
// Next-Router-State-Tree. Next's renderer answers one it cannot parse with a 500 before any code
// of ours runs; the proxy refuses it first with a 400 (lib/http/router-state-header.ts), on every
// part of the product: a plain page, or the error shape on /api paths.
import { describe, expect, it } from "vitest";
import { appPort } from "./browser";
import { ADMIN_HOST } from "./admin-support";
import { createTestOrg } from "./factory";
import { expectErrorShape, locationOf, send, type Answer } from "../reliability/support/http";

const MALFORMED = {
  "not JSON": "x",
  "a broken percent-escape": "%E0%A4%A",
  "an empty array": "%5B%5D",
  "a tree whose children are not trees": encodeURIComponent('["",{"children":"x"}]'),
  "a seventh element": encodeURIComponent('["",{},null,null,null,"x",1]'),
  "null where Next wants the hint absent": encodeURIComponent('["",{},null,null,null,null]'),
  // Under Node's 16 KiB header limit; Next's recursive validator overflows its stack somewhere past a thousand levels.
  "1 200 nested trees": `${'["",{"c":'.repeat(1200)}["",{}]${"}]".repeat(1200)}`,
};
const VALID = encodeURIComponent(JSON.stringify(["", { children: ["__PAGE__", {}] }, null, null, 1]));

function rscRequest(host: string, path: string, tree: string | string[]): Promise<Answer> {
  return send({ port: appPort(), host, path, headers: { rsc: "1", "next-router-state-tree": tree, accept: "text/x-component", "x-forwarded-for": "10.77.0.1" } });
}

function expectPlainRefusal(answer: Answer, label: string): void {
  expect(answer.status, `${label}: ${answer.body.slice(0, 200)}`).toBe(400);
  expect(locationOf(answer), label).toBeNull();
  expect(String(answer.headers["content-type"]), label).toMatch(/^text\/html/);
  expect(answer.body, label).toContain("bad_request");
}

describe("Next-Router-State-Tree", () => {
  it("a malformed router state on an RSC request is refused by the proxy with a 400 page (never Next's 500): site pages, the auth domain, the admin console", async () => {
    const org = await createTestOrg({ mode: "opt_in", sites: ["news"] });
    const targets = [
      [org.site("news").host, "/"],
      [org.site("news").host, "/articles/harbour-bridge-reopens"],
      [org.authHost, "/"],
      [ADMIN_HOST, "/"],
    ] as const;
    for (const [host, path] of targets) {
      for (const [what, tree] of Object.entries(MALFORMED)) {
        // With and without Next's cache-busting `_rsc` parameter (the client always sends one).
        for (const query of ["", "?_rsc=abc12"]) expectPlainRefusal(await rscRequest(host, `${path}${query}`, tree), `${host}${path}${query}, ${what}`);
      }
    }
  });

  it("two Next-Router-State-Tree headers (Next refuses 'multiple router state headers' with a 500) are refused with a 400", async () => {
    const org = await createTestOrg({ mode: "opt_in", sites: ["news"] });
    expectPlainRefusal(await rscRequest(org.site("news").host, "/?_rsc=abc12", [VALID, VALID]), "two headers");
  });

  it("on an /api path the refusal has the error shape, on the direct lane too", async () => {
    const org = await createTestOrg({ mode: "opt_in", sites: ["news"] });
    const host = org.site("news").host;
    const answer = await rscRequest(host, "/api/account/sessions", "x");
    expect(answer.status).toBe(400);
    expectErrorShape(answer, "GET /api/account/sessions with a malformed router state");
    // The direct lane (app/_lib/direct-route.ts) is a route handler Next's middleware does not run
    // for: Next answers an RSC request to it with its cache-busting 307 to the same path plus
    // `_rsc` before any code of ours runs (harmless, see lib/http/proxy-request.ts); the request
    // that follows is refused by proxy(), called by the route, like any other.
    const first = await rscRequest(host, "/api/sso/status", "x");
    expect(first.status).toBe(307);
    const location = locationOf(first) ?? "";
    expect(location).toMatch(/^\/api\/sso\/status\?_rsc=/);
    const refused = await rscRequest(host, location, "x");
    expect(refused.status).toBe(400);
    expectErrorShape(refused, "GET /api/sso/status?_rsc with a malformed router state");
    const admin = await rscRequest(ADMIN_HOST, "/api/orgs/acme/sso", "%5B%5D");
    expect(admin.status).toBe(400);
    expectErrorShape(admin, "GET admin /api/orgs/acme/sso with a malformed router state");
  });

  it("a valid router state passes the proxy: Next answers the RSC request in React's flight format", async () => {
    const org = await createTestOrg({ mode: "opt_in", sites: ["news"] });
    const host = org.site("news").host;
    const first = await rscRequest(host, "/", VALID);
    // Next's cache-busting hop to the same path plus `_rsc`, then the payload.
    expect(first.status, first.body.slice(0, 200)).toBe(307);
    const location = locationOf(first) ?? "";
    expect(location).toMatch(/^\/\?_rsc=/);
    const payload = await rscRequest(host, location, VALID);
    expect(payload.status, payload.body.slice(0, 200)).toBe(200);
    expect(String(payload.headers["content-type"])).toMatch(/^text\/x-component/);
  });
});
