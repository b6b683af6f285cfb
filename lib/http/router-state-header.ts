// Next-Router-State-Tree: the header in which Next's client router sends the route tree it has
// rendered (URI-encoded JSON) with a React Server Components request (`RSC: 1`). Next's renderer
// answers one it cannot parse with a 500 before any code of ours runs
// (next/dist/server/app-render/parse-and-validate-flight-router-state.js), so the proxy checks it
// first, by the same rules, and refuses a bad one with a 400 (lib/http/proxy-request.ts).
//
// The rules mirror Next 16's schema (app-render/types.js, `flightRouterStateSchema`):
//   [segment, {parallelRouteKey: tree…}, url?: [string, string] | null,
//    refresh?: "refetch" | "inside-shared-layout" | "metadata-only" | null,
//    isRootLayout?: number | null, hint?: string]
// where a segment is a string or [paramName, cacheKey, paramType, staticSiblings: string[] | null].
// Stricter than Next in one respect only: at most MAX_DEPTH nested trees. Next validates with
// recursive generators and overflows its stack (a 500 again) somewhere past a thousand levels;
// a real tree is as deep as a route's segments (ours: under ten).
// lib/http/router-state-header.test.ts holds this against Next's own parser.

export const ROUTER_STATE_HEADER = "next-router-state-tree";
/** Next's own limit on the raw header: "around 2,000 nested or parallel route segment states". */
export const MAX_ROUTER_STATE_LENGTH = 20 * 2000;
export const MAX_ROUTER_STATE_DEPTH = 64;

const DYNAMIC_PARAM_TYPES = new Set(["c", "ci(..)(..)", "ci(.)", "ci(..)", "ci(...)", "oc", "d", "di(..)(..)", "di(.)", "di(..)", "di(...)"]);
const REFRESH_MARKERS = new Set(["refetch", "inside-shared-layout", "metadata-only"]);

/** Whether Next would accept this header value as a router state tree. */
export function isValidRouterStateHeader(value: string): boolean {
  if (value.length > MAX_ROUTER_STATE_LENGTH) return false;
  let parsed: unknown;
  try {
    parsed = JSON.parse(decodeURIComponent(value));
  } catch {
    return false;
  }
  return isRouterState(parsed, 1);
}

function isString(value: unknown): value is string {
  return typeof value === "string";
}

function isSegment(value: unknown): boolean {
  if (isString(value)) return true;
  if (!Array.isArray(value) || value.length !== 4) return false;
  const [name, cacheKey, type, siblings] = value as unknown[];
  return isString(name) && isString(cacheKey) && DYNAMIC_PARAM_TYPES.has(type as string) && (siblings === null || (Array.isArray(siblings) && siblings.every(isString)));
}

function isRouterState(value: unknown, depth: number): boolean {
  if (depth > MAX_ROUTER_STATE_DEPTH) return false;
  // A tuple of two to six elements; Next's schema refuses anything past the sixth.
  if (!Array.isArray(value) || value.length < 2 || value.length > 6) return false;
  const [segment, children, url, refresh, isRootLayout, hint] = value as unknown[];
  if (!isSegment(segment)) return false;
  // Next's `record` accepts any non-null object (arrays too) whose values are all trees.
  if (typeof children !== "object" || children === null) return false;
  for (const child of Object.values(children)) if (!isRouterState(child, depth + 1)) return false;
  if (url !== undefined && url !== null && !(Array.isArray(url) && url.length === 2 && url.every(isString))) return false;
  if (refresh !== undefined && refresh !== null && !REFRESH_MARKERS.has(refresh as string)) return false;
  if (isRootLayout !== undefined && isRootLayout !== null && typeof isRootLayout !== "number") return false;
  // Optional, but not nullable.
  return hint === undefined || isString(hint);
}
