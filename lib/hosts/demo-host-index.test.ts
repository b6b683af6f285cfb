import { describe, expect, it } from "vitest";
import { demoHostIndexResponse } from "./demo-host-index";

const hosts = ["news.localhost", "admin.localhost"];

describe("the demo's host index (DEMO_HOST_INDEX)", () => {
  it("answers http://localhost:<port>/ with a page linking every demo host on that port", async () => {
    const response = demoHostIndexResponse({ host: "localhost:3600", pathname: "/", hosts });
    expect(response?.status).toBe(200);
    const html = (await response?.text()) ?? "";
    expect(html).toContain('<a href="http://news.localhost:3600/">news.localhost:3600</a>');
    expect(html).toContain('<a href="http://admin.localhost:3600/">');
    expect(demoHostIndexResponse({ host: "127.0.0.1:3600", pathname: "/", hosts })?.status).toBe(200);
  });

  it("links the demo's caught mail when the demo runs a mail catcher", async () => {
    const html = (await demoHostIndexResponse({ host: "localhost:3600", pathname: "/", hosts, mailUrl: "http://localhost:1080" })?.text()) ?? "";
    expect(html).toContain('<a href="http://localhost:1080">Caught mail (what the demo sends)</a>');
  });

  it("is never answered where the demo did not ask for it, nor for other hosts or paths (unknown_host stays a plain 404)", () => {
    expect(demoHostIndexResponse({ host: "localhost:3600", pathname: "/", hosts: undefined })).toBeNull();
    expect(demoHostIndexResponse({ host: "localhost:3600", pathname: "/", hosts: [] })).toBeNull();
    expect(demoHostIndexResponse({ host: "unknown.example", pathname: "/", hosts })).toBeNull();
    expect(demoHostIndexResponse({ host: "10.1.2.3:3600", pathname: "/", hosts })).toBeNull();
    expect(demoHostIndexResponse({ host: "localhost:3600", pathname: "/articles/x", hosts })).toBeNull();
  });
});
