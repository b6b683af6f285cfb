// The API document: valid OpenAPI 3.1, and in step with the route handlers that exist —
// adding a route without documenting it (or removing one and leaving it documented) fails here.
import { readdirSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { Validator } from "@seriousme/openapi-schema-validator";
import { describe, expect, it } from "vitest";
import { buildOpenApiDocument } from "./openapi-document";
import { operations, type HostKind } from "./operations";
import { DIRECT_LANE_PATHS, isZephrPath } from "@/lib/http/path-kind";

const APP_DIR = join(process.cwd(), "app");

/** Catch-alls that are not endpoints: they answer every unknown /api path with a JSON 404. */
// Route handlers that are not API operations: JSON 404s for unknown /api paths, and the auth
// domain's plain HTML pages (its "this domain only handles sign-on" page and its 404s), which a
// route handler serves so that the auth domain's strict headers apply to them.
const NOT_ENDPOINTS = new Set([
  "site /api/[...unknown]",
  "auth-domain /api/[...unknown]",
  "admin /api/[...path]",
  "auth-domain /",
  "auth-domain /[...unknown]",
  "site /blaize/[...unknown]",
  "site /zephr/[...unknown]",
]);

function findRouteFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return findRouteFiles(path);
    return (entry.name === "route.ts" || entry.name === "route.tsx") && !isDirectLaneEntrance(path) ? [path] : [];
  });
}

/** app/api/sso/status/route.ts and the like: not routes of their own, entrances to a part's documented route (app/_lib/direct-route.ts; path-kind.test.ts checks them). */
function isDirectLaneEntrance(file: string): boolean {
  return DIRECT_LANE_PATHS.includes(`/${relative(APP_DIR, file).split(sep).slice(0, -1).join("/")}`);
}

/** app/site/[siteId]/api/x/route.ts → { host: site, path: /api/x }; `[name]` → `{name}`; route groups dropped. */
function publicRouteOf(file: string): { host: HostKind; path: string } {
  const segments = relative(APP_DIR, file).split(sep).slice(0, -1).filter((s) => !/^\(.*\)$/.test(s));
  const [part, ...rest] = segments;
  let host: HostKind;
  let pathSegments: string[];
  if (part === "site" || part === "auth-domain") {
    host = part;
    pathSegments = rest.slice(1); // drop [siteId] / [orgId]
  } else if (part === "admin") {
    host = "admin";
    pathSegments = rest;
  } else if (part === "ops") {
    host = "any";
    pathSegments = rest;
  } else {
    throw new Error(`route outside the product's parts: ${file}`);
  }
  const path = `/${pathSegments.map((s) => (/^\[[^.].*\]$/.test(s) ? `{${s.slice(1, -1)}}` : s)).join("/")}`;
  return { host, path };
}

function documentedAt(host: HostKind, path: string) {
  return operations.filter((op) => op.hosts.includes(host) && op.path === path);
}

describe("the OpenAPI document", () => {
  it("is a valid OpenAPI 3.1 document", async () => {
    const validator = new Validator();
    const result = await validator.validate(buildOpenApiDocument() as Parameters<Validator["validate"]>[0]);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe("3.1");
  });

  it("documents every route handler under app/ (a new route without its operation fails here)", () => {
    const undocumented: string[] = [];
    for (const file of findRouteFiles(APP_DIR)) {
      const { host, path } = publicRouteOf(file);
      if (NOT_ENDPOINTS.has(`${host} ${path.replace(/\{/g, "[").replace(/\}/g, "]")}`)) continue;
      const catchAll = /\/\[\.\.\.([^\]]+)\]$/.exec(path);
      if (catchAll) {
        // A catch-all handler (next-auth): at least one documented operation below its prefix.
        const prefix = path.slice(0, catchAll.index);
        if (!operations.some((op) => op.hosts.includes(host) && op.path.startsWith(`${prefix}/`))) undocumented.push(`${host} ${path}`);
        continue;
      }
      if (documentedAt(host, path).length === 0) undocumented.push(`${host} ${path} (${relative(process.cwd(), file)})`);
    }
    expect(undocumented).toEqual([]);
  });

  it("documents no route that does not exist", () => {
    const routes = findRouteFiles(APP_DIR).map(publicRouteOf);
    const exists = (host: HostKind, path: string) =>
      routes.some((route) => {
        if (route.host !== host) return false;
        if (route.path === path) return true;
        const catchAll = /\/\[\.\.\.[^\]]+\]$/.exec(route.path);
        return catchAll !== null && path.startsWith(`${route.path.slice(0, catchAll.index)}/`);
      });
    const stale = operations.filter((op) => op.hosts.some((host) => !exists(host, op.path)));
    expect(stale.map((op) => `${op.method.toUpperCase()} ${op.path}`)).toEqual([]);
  });

  it("gives every operation a unique id, at least one success answer, and documents errors with the error shape", () => {
    const ids = operations.map((op) => op.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const op of operations) {
      expect(Object.keys(op.responses).some((status) => Number(status) < 400), op.operationId).toBe(true);
    }
    const document = buildOpenApiDocument() as { paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema: unknown }> }> }>> };
    for (const [path, item] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(item)) {
        if (method.startsWith("x-") || method === "servers") continue;
        for (const [status, response] of Object.entries(operation.responses)) {
          const json = response.content?.["application/json"];
          // The Zephr-compatible paths answer the same codes in Zephr's shape (lib/zephr/zephr-errors.ts).
          const shape = isZephrPath(path) ? "ZephrErrorBody" : "ErrorBody";
          if (Number(status) >= 400 && json && status !== "503") expect(json.schema, `${method} ${path} ${status}`).toEqual({ $ref: `#/components/schemas/${shape}` });
        }
      }
    }
  });

  it("describes request bodies from the handlers' own zod schemas (strict: unknown fields refused)", () => {
    const document = buildOpenApiDocument() as { paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: Record<string, unknown> }> } }>> };
    const exchange = document.paths["/sso/exchange"]?.post?.requestBody?.content["application/json"]?.schema;
    expect(exchange).toMatchObject({ type: "object", required: ["ott", "state"], additionalProperties: false });
    const logout = document.paths["/api/logout"]?.post?.requestBody?.content["application/json"]?.schema;
    expect(logout).toMatchObject({ properties: { where: { enum: ["JUST_HERE", "THIS_DEVICE", "OTHER_DEVICES", "EVERYWHERE"] } }, additionalProperties: false });
    const adminPut = document.paths["/api/orgs/{orgSlug}/sso"]?.put?.requestBody?.content["application/json"]?.schema;
    expect(adminPut).toMatchObject({ required: ["mode"], additionalProperties: false });
  });
});
