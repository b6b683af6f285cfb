import { describe, expect, it } from "vitest";
import { demoCallbackUrl } from "./demo-data";

describe("the callback a demo site registers", () => {
  it("is plain http on the demo port by default, as the demo and the tests serve it", () => {
    expect(demoCallbackUrl("news.localhost", 3000)).toBe("http://news.localhost:3000/sso/callback");
  });

  it("is https without a port behind a TLS load balancer on 443 (npm run topology), as browsers write the URL", () => {
    expect(demoCallbackUrl("news.localhost", 443, "https")).toBe("https://news.localhost/sso/callback");
  });

  it("keeps a non-default https port", () => {
    expect(demoCallbackUrl("news.localhost", 3409, "https")).toBe("https://news.localhost:3409/sso/callback");
  });
});
