// Webhooks against the real server (README, "Webhooks"): a receiver — a real node:http server
// in this test — gets a mode change as it happens, signed with HMAC-SHA256 (Standard Webhooks),
// and checks the signature as a receiver must; a failing receiver is retried from the outbox;
// URLs that would let the console reach the server's own network are refused.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { verifyWebhookSignature } from "@/lib/webhooks/signature";
import { createTestOrg } from "./factory";
import { adminUrl } from "./admin-support";
import { createToken, ownerBrowser, plainRequest } from "./automation-support";

type Received = { path: string; headers: http.IncomingHttpHeaders; body: string };

let receiver: http.Server;
let receiverPort = 0;
const received: Received[] = [];
/** Per path: how many of the next requests answer 500 before the receiver accepts. */
const failuresLeft = new Map<string, number>();

beforeAll(async () => {
  receiver = http.createServer((request, response) => {
    let body = "";
    request.setEncoding("utf8");
    request.on("data", (chunk: string) => (body += chunk));
    request.on("end", () => {
      const path = request.url ?? "";
      received.push({ path, headers: request.headers, body });
      const left = failuresLeft.get(path) ?? 0;
      failuresLeft.set(path, left - 1);
      response.statusCode = left > 0 ? 500 : 204;
      response.end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  receiverPort = (receiver.address() as AddressInfo).port;
});

afterAll(async () => {
  await new Promise((resolve) => receiver.close(resolve));
});

async function waitFor<T>(probe: () => T | undefined | Promise<T | undefined>, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function addWebhook(browser: Awaited<ReturnType<typeof ownerBrowser>>["browser"], orgSlug: string, path: string, eventTypes: string[]) {
  const response = await browser.json<{ secret: string; webhook: { id: string } }>(adminUrl(`/api/orgs/${orgSlug}/webhooks`), {
    method: "POST",
    body: { url: `http://127.0.0.1:${receiverPort}${path}`, eventTypes },
  });
  expect(response.status).toBe(201);
  return response.json;
}

describe("a webhook receives security events as they happen, signed", () => {
  it("a mode change made with an API token reaches the receiver, HMAC-SHA256 signed over id, timestamp and body; the signature verifies", async () => {
    const org = await createTestOrg({ mode: "auto_login", sites: ["news"] });
    const { browser } = await ownerBrowser(org);
    const path = `/hook-${org.slug}`;
    const { secret, webhook } = await addWebhook(browser, org.slug, path, ["sso.mode_changed"]);
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const { secret: token, token: apiToken } = await createToken(browser, org.slug, "admin");

    expect((await plainRequest({ method: "PUT", path: `/api/orgs/${org.slug}/sso`, token, body: { mode: "opt_in" } })).status).toBe(200);

    const delivery = await waitFor(() => received.find((r) => r.path === path), "the webhook delivery");
    const headers = { id: delivery.headers["webhook-id"] as string, timestamp: delivery.headers["webhook-timestamp"] as string, signature: delivery.headers["webhook-signature"] as string };
    expect(headers.signature).toMatch(/^v1,[A-Za-z0-9+/]{43}=$/);
    expect(verifyWebhookSignature({ secret, headers, body: delivery.body, nowSeconds: Math.floor(Date.now() / 1000) })).toBe(true);
    // A tampered body, another secret, or a replay outside the tolerance does not verify.
    expect(verifyWebhookSignature({ secret, headers, body: delivery.body.replace("opt_in", "disabled"), nowSeconds: Math.floor(Date.now() / 1000) })).toBe(false);
    expect(verifyWebhookSignature({ secret: `whsec_${Buffer.alloc(32, 7).toString("base64")}`, headers, body: delivery.body, nowSeconds: Math.floor(Date.now() / 1000) })).toBe(false);
    expect(verifyWebhookSignature({ secret, headers, body: delivery.body, nowSeconds: Number(headers.timestamp) + 3600 })).toBe(false);

    const event = JSON.parse(delivery.body) as { type: string; orgId: string; actor: { apiTokenId: string | null; staffId: string | null }; data: { old: string; new: string } };
    expect(event).toMatchObject({ type: "sso.mode_changed", orgId: org.id, actor: { apiTokenId: apiToken.id, staffId: null }, data: { old: "auto_login", new: "opt_in" } });
    const row = await waitFor(async () => {
      const found = await db.webhookDelivery.findFirst({ where: { webhookId: webhook.id, state: "sent" } });
      return found ?? undefined;
    }, "the delivery settled as sent");
    expect(row).toMatchObject({ id: headers.id, attempts: 1, lastStatus: 204, eventType: "sso.mode_changed" });
    // Events the webhook did not subscribe to are not sent (the token creation was audited, not delivered).
    expect(await db.webhookDelivery.count({ where: { webhookId: webhook.id } })).toBe(1);
  });

  it("a receiver answering 500 is retried from the outbox with the same webhook-id until it accepts; the console's delivery log shows it", async () => {
    const org = await createTestOrg({ mode: "auto_login", sites: ["news"] });
    const { browser } = await ownerBrowser(org);
    const path = `/flaky-${org.slug}`;
    failuresLeft.set(path, 1);
    const { webhook } = await addWebhook(browser, org.slug, path, ["sso."]);
    expect((await browser.json(adminUrl(`/api/orgs/${org.slug}/sso`), { method: "PUT", body: { mode: "disabled" } })).status).toBe(200);
    const row = await waitFor(async () => (await db.webhookDelivery.findFirst({ where: { webhookId: webhook.id, state: "sent" } })) ?? undefined, "the retried delivery");
    expect(row.attempts).toBe(2);
    const attempts = received.filter((r) => r.path === path);
    expect(attempts).toHaveLength(2);
    expect(attempts[0]?.headers["webhook-id"]).toBe(attempts[1]?.headers["webhook-id"]);
    const page = await browser.request(adminUrl(`/orgs/${org.slug}/webhooks`), { navigation: true });
    expect(page.status).toBe(200);
    expect(page.body).toContain("sso.mode_changed");
    expect(page.body).toContain('data-delivery-state="sent"');
  });
});

describe("SSRF: a webhook may not target the server's own network", () => {
  it("refuses loopback, private, link-local and local names, and plain http, with 400 (only the test allow-list's 127.0.0.1 is exempt)", async () => {
    const org = await createTestOrg({ mode: "auto_login", sites: ["news"] });
    const { browser } = await ownerBrowser(org);
    for (const url of [
      "https://127.0.0.2/hook",
      "https://10.0.0.5/hook",
      "https://192.168.1.1/hook",
      "https://169.254.169.254/latest/meta-data",
      "https://[::1]/hook",
      "https://[fd00::1]/hook",
      "https://localhost/hook",
      "https://db.internal/hook",
      "http://hooks.example.com/hook",
      "https://user:pw@hooks.example.com/hook",
    ]) {
      const response = await browser.json(adminUrl(`/api/orgs/${org.slug}/webhooks`), { method: "POST", body: { url, eventTypes: ["sso."] } });
      expect(response.status, url).toBe(400);
      expect(response.json).toEqual({ error: { code: "validation_failed", message: expect.any(String) } });
    }
    expect(await db.webhook.count({ where: { orgId: org.id } })).toBe(0);
  });

  it("only owners add webhooks: an admin is refused with 403", async () => {
    const org = await createTestOrg({ mode: "auto_login", sites: ["news"] });
    const { browser } = await ownerBrowser(org, "admin");
    const response = await browser.json(adminUrl(`/api/orgs/${org.slug}/webhooks`), { method: "POST", body: { url: "https://hooks.example.com/x", eventTypes: ["sso."] } });
    expect(response.status).toBe(403);
  });
});
