// The OpenAPI 3.1 document of the product, generated from the operations list and the zod
// schemas it names (z.toJSONSchema; JSON Schema 2020-12 is OpenAPI 3.1's own dialect).
// Served at GET /api/openapi.json on the admin host and rendered at /api-docs.
import { z } from "zod";
import { errorBodySchema } from "./error-body";
import { operations, tags, type HostKind, type Operation, type ResponseSpec, type SecurityName } from "./operations";
import { ssoStatusBodySchema } from "@/lib/sso/sso-status";
import { externalSessionBodySchema } from "@/lib/sso/external/external-session";
import { zephrErrorBodySchema } from "@/lib/zephr/zephr-errors";

type JsonObject = Record<string, unknown>;

/** Schemas shown once under components and referenced by name wherever an operation uses them as a whole. */
const namedSchemas = new Map<z.ZodType, string>([
  [errorBodySchema, "ErrorBody"],
  [ssoStatusBodySchema, "SsoStatus"],
  [externalSessionBodySchema, "ExternalSession"],
  [zephrErrorBodySchema, "ZephrErrorBody"],
]);

function toJsonSchema(schema: z.ZodType, io: "input" | "output"): JsonObject {
  const { $schema: _ignored, ...json } = z.toJSONSchema(schema, { target: "draft-2020-12", io, unrepresentable: "any" }) as JsonObject;
  return json;
}

function schemaOrRef(schema: z.ZodType, io: "input" | "output"): JsonObject {
  const name = namedSchemas.get(schema);
  return name ? { $ref: `#/components/schemas/${name}` } : toJsonSchema(schema, io);
}

const hostServers: Record<Exclude<HostKind, "any">, JsonObject> = {
  site: {
    url: "{scheme}://{siteHost}",
    description: "A site of an organisation (one of its registered hostnames).",
    variables: { scheme: { enum: ["https", "http"], default: "https" }, siteHost: { default: "news.localhost:3000", description: "host[:port] of a site" } },
  },
  "auth-domain": {
    url: "{scheme}://{authHost}",
    description: "An organisation's auth domain.",
    variables: { scheme: { enum: ["https", "http"], default: "https" }, authHost: { default: "auth.acme.localhost:3000", description: "host[:port] of the auth domain" } },
  },
  admin: {
    url: "{scheme}://{adminHost}",
    description: "The admin console.",
    variables: { scheme: { enum: ["https", "http"], default: "https" }, adminHost: { default: "admin.localhost:3000", description: "host[:port] of the admin console (ADMIN_HOSTS)" } },
  },
};

const anyHostServer: JsonObject = {
  url: "{scheme}://{anyHost}",
  description: "Any host, including an instance's own address (probes and scrapes).",
  variables: { scheme: { enum: ["http", "https"], default: "http" }, anyHost: { default: "10.0.0.5:3000", description: "host[:port] of any instance" } },
};

function serversOf(hosts: HostKind[]): JsonObject[] {
  return hosts.map((host) => (host === "any" ? anyHostServer : hostServers[host]));
}

const securitySchemes: Record<SecurityName, JsonObject> = {
  siteSession: { type: "apiKey", in: "cookie", name: "__Host-mss_session", description: "The site session cookie (host-only, HttpOnly, SameSite=Lax; without the __Host- prefix where cookies cannot be Secure)." },
  ssoTokenCookie: { type: "apiKey", in: "cookie", name: "__Host-mss_sso", description: "The browser's SSO token cookie on the auth domain." },
  externalClient: { type: "http", scheme: "basic", description: "An external site's client id and secret (secret shown once at registration or rotation)." },
  metricsToken: { type: "http", scheme: "bearer", description: "METRICS_TOKEN." },
  staffSession: { type: "apiKey", in: "cookie", name: "__Secure-next-auth.session-token", description: "A signed-in staff member of the admin console." },
  apiToken: { type: "http", scheme: "bearer", description: "An API token (mss_pat_…) created by an owner in the console: one organisation, one role. No same-origin rule applies to bearer requests." },
};

function parametersOf(operation: Operation): JsonObject[] {
  const parameters: JsonObject[] = [];
  for (const [location, schema] of [["path", operation.pathParams], ["query", operation.query]] as const) {
    if (!schema) continue;
    const json = toJsonSchema(schema, "input");
    const properties = (json.properties ?? {}) as Record<string, JsonObject>;
    const required = new Set((json.required as string[] | undefined) ?? []);
    for (const [name, property] of Object.entries(properties)) {
      const { description, ...rest } = property;
      parameters.push({ name, in: location, required: location === "path" || required.has(name), ...(description ? { description } : {}), schema: rest });
    }
  }
  return parameters;
}

function responseOf(spec: ResponseSpec): JsonObject {
  const headers = "headers" in spec && spec.headers
    ? { headers: Object.fromEntries(Object.entries(spec.headers).map(([name, example]) => [name, { schema: { type: "string" }, example }])) }
    : {};
  if ("json" in spec) return { description: spec.description, ...headers, content: { "application/json": { schema: schemaOrRef(spec.json, "output") } } };
  if ("errors" in spec) {
    return {
      description: `${spec.description} Error codes: ${spec.errors.join(", ")}.`,
      ...headers,
      content: { "application/json": { schema: { $ref: "#/components/schemas/ErrorBody" } } },
    };
  }
  if ("redirect" in spec) return { description: spec.description, headers: { Location: { schema: { type: "string" } } } };
  if ("html" in spec) return { description: spec.description, content: { "text/html": { schema: { type: "string" } } } };
  return { description: spec.description, content: { [spec.text]: { schema: { type: "string" } } } };
}

function operationObject(operation: Operation): JsonObject {
  const parameters = parametersOf(operation);
  return {
    operationId: operation.operationId,
    tags: [tags[operation.tag]],
    summary: operation.summary,
    ...(operation.description ? { description: operation.description } : {}),
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(operation.body
      ? { requestBody: { required: operation.body.required, content: { [operation.body.contentType]: { schema: schemaOrRef(operation.body.schema, "input") } } } }
      : {}),
    responses: Object.fromEntries(Object.entries(operation.responses).map(([status, spec]) => [status, responseOf(spec)])),
    security: (operation.security ?? []).map((name) => ({ [name]: [] })),
  };
}

export const OPENAPI_INFO = {
  title: "multisite-sso",
  version: "0.1.0",
  description:
    "Single sign-on across a publisher's websites on different domains. One app serves, by Host, each organisation's auth domain, its sites and the admin console; each path below says which hosts serve it (`servers`, and `x-mss-hosts`). External sites (sites this app does not serve) use the server-to-server endpoints under /sso/exchange and /sso/session/* with their client credentials; see packages/sso-client for a client.",
};

export function buildOpenApiDocument(): JsonObject {
  const paths: Record<string, JsonObject> = {};
  for (const operation of operations) {
    const item = (paths[operation.path] ??= { "x-mss-hosts": [...operation.hosts], servers: serversOf(operation.hosts) });
    const hosts = item["x-mss-hosts"] as HostKind[];
    if (hosts.join() !== operation.hosts.join()) {
      throw new Error(`${operation.path}: operations on one path must be served by the same hosts (${hosts.join()} vs ${operation.hosts.join()})`);
    }
    if (item[operation.method]) throw new Error(`${operation.method.toUpperCase()} ${operation.path} is listed twice`);
    item[operation.method] = operationObject(operation);
  }
  return {
    openapi: "3.1.0",
    info: OPENAPI_INFO,
    jsonSchemaDialect: "https://json-schema.org/draft/2020-12/schema",
    servers: [hostServers.site, hostServers["auth-domain"], hostServers.admin],
    tags: Object.values(tags).map((name) => ({ name })),
    paths,
    components: {
      schemas: Object.fromEntries([...namedSchemas].map(([schema, name]) => [name, toJsonSchema(schema, "output")])),
      securitySchemes,
    },
  };
}

let cached: JsonObject | null = null;

/** The document never changes within a build: generated once per instance. */
export function getOpenApiDocument(): JsonObject {
  cached ??= buildOpenApiDocument();
  return cached;
}
