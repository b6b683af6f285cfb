import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { MAX_REQUEST_BODY_BYTES, NEXT_AUTH_FORM_MAX_BYTES, PROXY_BODY_BUFFER_BYTES } from "./body-limits";

describe("request body limits", () => {
  it("Next buffers at most PROXY_BODY_BUFFER_BYTES for the proxy (not its default 10 MB)", () => {
    const config = readFileSync("next.config.js", "utf8");
    expect(config.match(/proxyClientMaxBodySize: (\d+)/)?.[1]).toBe(String(PROXY_BODY_BUFFER_BYTES));
  });

  it("the largest accepted body is next-auth's form, and Next's buffer passes more than one 64 KiB read beyond it, so a chunked oversize body still reaches its route's 413", () => {
    expect(MAX_REQUEST_BODY_BYTES).toBe(NEXT_AUTH_FORM_MAX_BYTES);
    expect(PROXY_BODY_BUFFER_BYTES - 64 * 1024).toBeGreaterThan(MAX_REQUEST_BODY_BYTES);
  });
});
