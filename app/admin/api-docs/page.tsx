// GET /api-docs on the admin host — the API document (GET /api/openapi.json) as a readable,
// server-rendered page: every endpoint by section, which hosts serve it, its credentials,
// parameters, body and answers. No script: the schemas unfold with <details>.
import type { Metadata } from "next";
import type { ReactNode } from "react";
import { getOpenApiDocument } from "@/lib/api-contract/openapi-document";
import { TableScroll } from "@/components/admin/table-scroll";

export const metadata: Metadata = { title: "API reference · multisite-sso" };

// Rendered per request like every console page, so the console's CSP nonce reaches Next's scripts.
export const dynamic = "force-dynamic";

type Json = Record<string, unknown>;

const METHODS = ["get", "post", "put", "patch", "delete"] as const;

const hostLabels: Record<string, string> = {
  site: "every site host",
  "auth-domain": "the organisation's auth domain",
  admin: "the admin console",
  any: "every host (before host resolution)",
};

function asObject(value: unknown): Json {
  return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Json) : {};
}

/** A code block that scrolls sideways: a named region that takes focus, so the keyboard can scroll it (axe: scrollable-region-focusable). */
function CodeBlock({ label, code }: { label: string; code: string }): ReactNode {
  return (
    <pre className="admin-code-block" tabIndex={0} role="region" aria-label={label}>
      {code}
    </pre>
  );
}

function SchemaBlock({ label, schema }: { label: string; schema: unknown }): ReactNode {
  const ref = asObject(schema).$ref;
  if (typeof ref === "string") {
    const name = ref.split("/").at(-1) ?? ref;
    return (
      <p>
        {label}: <a href={`#schema-${name}`}>{name}</a>
      </p>
    );
  }
  return (
    <details>
      <summary>{label}</summary>
      <CodeBlock label={`${label} schema`} code={JSON.stringify(schema, null, 2)} />
    </details>
  );
}

function Operation({ path, method, operation, hosts }: { path: string; method: string; operation: Json; hosts: string[] }): ReactNode {
  const parameters = (operation.parameters as Json[] | undefined) ?? [];
  const security = ((operation.security as Json[] | undefined) ?? []).flatMap((entry) => Object.keys(entry));
  const body = asObject(asObject(operation.requestBody).content);
  const responses = asObject(operation.responses);
  const pending = operation["x-mss-pending"];
  return (
    <section className="panel" id={String(operation.operationId)} style={{ marginBottom: "1rem", maxWidth: "none" }}>
      <h3 style={{ fontFamily: "ui-monospace, monospace", fontSize: "1rem" }}>
        {method.toUpperCase()} {path}
      </h3>
      <p>
        <strong>{String(operation.summary)}</strong>
      </p>
      {typeof operation.description === "string" ? <p>{operation.description}</p> : null}
      <p className="notice">
        Served on {hosts.map((host) => hostLabels[host] ?? host).join(", ")}. Credentials: {security.length > 0 ? security.join(" or ") : "none"}.
        {typeof pending === "string" ? ` Described from the design; its handler is built in ${pending}.` : ""}
      </p>
      {parameters.length > 0 ? (
        <TableScroll label={`Parameters of ${method.toUpperCase()} ${path}`}>
        <table className="data-table">
          <thead>
            <tr>
              <th>parameter</th>
              <th>in</th>
              <th>required</th>
              <th>description</th>
            </tr>
          </thead>
          <tbody>
            {parameters.map((parameter) => (
              <tr key={`${String(parameter.in)}-${String(parameter.name)}`}>
                <td>
                  <code>{String(parameter.name)}</code>
                </td>
                <td>{String(parameter.in)}</td>
                <td>{parameter.required ? "yes" : "no"}</td>
                <td>{typeof parameter.description === "string" ? parameter.description : ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
        </TableScroll>
      ) : null}
      {Object.entries(body).map(([contentType, media]) => (
        <SchemaBlock key={contentType} label={`Request body (${contentType})`} schema={asObject(media).schema} />
      ))}
      <h4>Responses</h4>
      <ul>
        {Object.entries(responses).map(([status, response]) => {
          const content = asObject(asObject(response).content);
          return (
            <li key={status}>
              <strong>{status}</strong> {String(asObject(response).description)}
              {Object.entries(content).map(([contentType, media]) =>
                asObject(media).schema && contentType === "application/json" ? <SchemaBlock key={contentType} label="body" schema={asObject(media).schema} /> : null,
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

export default function ApiDocsPage(): ReactNode {
  const document = getOpenApiDocument();
  const info = asObject(document.info);
  const paths = asObject(document.paths);
  const tagNames = ((document.tags as Json[] | undefined) ?? []).map((tag) => String(tag.name));
  const schemas = asObject(asObject(document.components).schemas);
  const byTag = new Map<string, ReactNode[]>(tagNames.map((name) => [name, []]));
  for (const [path, item] of Object.entries(paths)) {
    const pathItem = asObject(item);
    const hosts = (pathItem["x-mss-hosts"] as string[] | undefined) ?? [];
    for (const method of METHODS) {
      const operation = pathItem[method];
      if (!operation) continue;
      const tag = String((asObject(operation).tags as string[] | undefined)?.[0] ?? "");
      byTag.get(tag)?.push(<Operation key={`${method} ${path}`} path={path} method={method} operation={asObject(operation)} hosts={hosts} />);
    }
  }
  return (
    <main id="main" className="admin-api-docs">
      <h1>API reference</h1>
      <p className="lede">{String(info.description)}</p>
      <p>
        OpenAPI {String(document.openapi)} document: <a href="/api/openapi.json">/api/openapi.json</a> (version {String(info.version)}).
      </p>
      <nav aria-label="Sections">
        <ul>
          {tagNames.map((name) => (
            <li key={name}>
              <a href={`#tag-${encodeURIComponent(name)}`}>{name}</a>
            </li>
          ))}
        </ul>
      </nav>
      {tagNames.map((name) => (
        <section key={name} id={`tag-${encodeURIComponent(name)}`}>
          <h2>{name}</h2>
          {byTag.get(name)}
        </section>
      ))}
      <h2>Shared schemas</h2>
      {Object.entries(schemas).map(([name, schema]) => (
        <section key={name} id={`schema-${name}`}>
          <h3>{name}</h3>
          <CodeBlock label={`${name} schema`} code={JSON.stringify(schema, null, 2)} />
        </section>
      ))}
    </main>
  );
}
