import { describe, expect, it } from "vitest";
import { isMalformedPath, refuseOutOfContract } from "./proxy-request";

describe("isMalformedPath", () => {
  it("refuses broken or non-UTF-8 percent-escapes, accepts well-formed ones", () => {
    for (const bad of ["/%", "/api/%", "/a%zz", "/%ff", "/%c0%af", "/x%2"]) expect(isMalformedPath(bad), bad).toBe(true);
    for (const good of ["/", "/articles/caf%C3%A9", "/api/sso/status%00", "/a%2Fb", "/100%25"]) expect(isMalformedPath(good), good).toBe(false);
  });
});

describe("refuseOutOfContract", () => {
  it("answers non-GET page requests on sites and auth domains with 405, leaves /api paths and the admin console alone", () => {
    expect(refuseOutOfContract({ method: "POST", pathname: "/" }, "site")).toMatchObject({ status: 405, headers: { allow: "GET, HEAD" } });
    expect(refuseOutOfContract({ method: "PUT", pathname: "/sso/callback" }, "site")).toMatchObject({ status: 405 });
    expect(refuseOutOfContract({ method: "DELETE", pathname: "/sso/handshake" }, "auth-domain")).toMatchObject({ status: 405 });
    expect(refuseOutOfContract({ method: "HEAD", pathname: "/" }, "site")).toBeNull();
    expect(refuseOutOfContract({ method: "POST", pathname: "/api/logout" }, "site")).toBeNull();
    expect(refuseOutOfContract({ method: "POST", pathname: "/" }, "admin")).toBeNull();
    expect(refuseOutOfContract({ method: "GET", pathname: "/api/%" }, "admin")).toMatchObject({ status: 400 });
  });
});

describe("refuseOutOfContract: Next-Router-State-Tree", () => {
  const withTree = (value: string) => new Headers({ rsc: "1", "next-router-state-tree": value });

  it("refuses a router state Next could not parse with a 400 on every part and path (Next's renderer would answer a 500)", () => {
    for (const part of ["site", "auth-domain", "admin"] as const) {
      for (const pathname of ["/", "/articles/welcome", "/api/sso/status", "/orgs/acme/identity/settings"]) {
        for (const value of ["x", "%", "[]", '["",{}],["",{}]', "[".repeat(5000)]) {
          expect(refuseOutOfContract({ method: "GET", pathname, headers: withTree(value) }, part), `${part} ${pathname} ${value.slice(0, 20)}`).toMatchObject({ status: 400, code: "bad_request" });
        }
      }
    }
  });

  it("lets a valid router state, and a request without one, through", () => {
    const valid = encodeURIComponent(JSON.stringify(["", { children: ["__PAGE__", {}] }, null, null, 1]));
    expect(refuseOutOfContract({ method: "GET", pathname: "/", headers: withTree(valid) }, "site")).toBeNull();
    expect(refuseOutOfContract({ method: "GET", pathname: "/", headers: new Headers({ rsc: "1" }) }, "site")).toBeNull();
  });
});
