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
