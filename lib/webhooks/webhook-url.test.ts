import type { LookupAddress } from "node:dns";
import { describe, expect, it } from "vitest";
import { isPublicAddress, publicOnlyLookup, webhookUrlProblem } from "./webhook-url";

describe("SSRF: webhook URLs", () => {
  it("knows the public internet from loopback, private, link-local, CGNAT, multicast and mapped forms", () => {
    for (const address of ["8.8.8.8", "1.1.1.1", "2606:4700:4700::1111"]) expect(isPublicAddress(address), address).toBe(true);
    for (const address of ["127.0.0.1", "10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.0.1", "169.254.169.254", "100.64.0.1", "0.0.0.0", "224.0.0.1", "::1", "::", "fd00::1", "fe80::1", "::ffff:127.0.0.1", "::ffff:10.0.0.1", "64:ff9b::a00:1", "garbage"]) {
      expect(isPublicAddress(address), address).toBe(false);
    }
  });

  it("refuses non-https, credentials, local names and non-public literal addresses when saved; the allow-list exempts its hosts (and only them)", () => {
    expect(webhookUrlProblem("https://hooks.example.com/x", [])).toBeNull();
    expect(webhookUrlProblem("http://hooks.example.com/x", [])).toMatch(/https/);
    expect(webhookUrlProblem("https://127.0.0.1/x", [])).toMatch(/loopback, private/);
    expect(webhookUrlProblem("https://[::ffff:7f00:1]/x", [])).toMatch(/loopback, private/);
    expect(webhookUrlProblem("https://localhost/x", [])).toMatch(/local host name/);
    expect(webhookUrlProblem("https://intranet/x", [])).toMatch(/local host name/);
    expect(webhookUrlProblem("https://a:b@hooks.example.com/x", [])).toMatch(/credentials/);
    expect(webhookUrlProblem("http://127.0.0.1:9999/x", ["127.0.0.1"])).toBeNull();
    expect(webhookUrlProblem("http://127.0.0.2:9999/x", ["127.0.0.1"])).toMatch(/https/);
  });

  it("at delivery, refuses a host whose DNS answers hold any non-public address (rebinding, round-robin), before connecting", async () => {
    const resolveTo = (addresses: string[]) => (_host: string, callback: (error: NodeJS.ErrnoException | null, a: LookupAddress[]) => void) =>
      callback(null, addresses.map((address) => ({ address, family: address.includes(":") ? 6 : 4 })));
    const lookup = (addresses: string[], allow: string[] = []) =>
      new Promise<{ error: NodeJS.ErrnoException | null; address: unknown }>((resolve) =>
        publicOnlyLookup(allow, resolveTo(addresses))("hooks.example.com", { all: false }, (error, address) => resolve({ error, address })),
      );
    expect(await lookup(["93.184.216.34"])).toEqual({ error: null, address: "93.184.216.34" });
    expect((await lookup(["10.0.0.7"])).error?.code).toBe("EWEBHOOKADDRESS");
    expect((await lookup(["93.184.216.34", "127.0.0.1"])).error?.code).toBe("EWEBHOOKADDRESS");
    expect((await lookup(["10.0.0.7"], ["hooks.example.com"])).error).toBeNull();
  });
});
