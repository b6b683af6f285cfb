// The path template of a request, for log lines and metric labels: a bounded set of values
// (the contract's paths), never the raw path, which may carry ids or anything a client sends.
// The templates come from a generated list (scripts/generate-route-templates.ts), not from
// operations.ts itself: the proxy labels its answers, and must not load every domain's schemas.
import type { ProductPart } from "@/lib/observability/request-context";
import type { HostKind } from "./operations";
import { routeTemplates } from "./route-templates.generated";

type Matcher = { hosts: readonly HostKind[]; template: string; pattern: RegExp };

function compile(template: string): RegExp {
  const source = template
    .split(/(\{[^}]+\})/)
    .map((part) => (part.startsWith("{") ? "[^/]+" : part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")))
    .join("");
  return new RegExp(`^${source}$`);
}

let matchers: Matcher[] | null = null;

export function matchRouteTemplate(part: ProductPart, pathname: string): string {
  matchers ??= routeTemplates.map(({ hosts, template }) => ({ hosts, template, pattern: compile(template) }));
  for (const matcher of matchers) {
    const servesPart = matcher.hosts.includes("any") || (part !== "ops" && part !== "none" && matcher.hosts.includes(part));
    if (servesPart && matcher.pattern.test(pathname)) return matcher.template;
  }
  return "unmatched";
}
