// The path template of a request, for log lines and metric labels: a bounded set of values
// (the contract's paths), never the raw path, which may carry ids or anything a client sends.
import type { ProductPart } from "@/lib/observability/request-context";
import { operations, type HostKind } from "./operations";

type Matcher = { hosts: HostKind[]; template: string; pattern: RegExp };

function compile(template: string): RegExp {
  const source = template
    .split(/(\{[^}]+\})/)
    .map((part) => (part.startsWith("{") ? "[^/]+" : part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")))
    .join("");
  return new RegExp(`^${source}$`);
}

let matchers: Matcher[] | null = null;

export function matchRouteTemplate(part: ProductPart, pathname: string): string {
  matchers ??= [...new Map(operations.map((op) => [`${op.hosts.join()} ${op.path}`, { hosts: op.hosts, template: op.path, pattern: compile(op.path) }])).values()];
  for (const matcher of matchers) {
    const servesPart = matcher.hosts.includes("any") || (part !== "ops" && part !== "none" && matcher.hosts.includes(part));
    if (servesPart && matcher.pattern.test(pathname)) return matcher.template;
  }
  return "unmatched";
}
