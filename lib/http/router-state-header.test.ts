// The proxy's check of Next-Router-State-Tree held against Next's own parser, the one whose
// refusal is a 500 (next/dist/server/app-render/parse-and-validate-flight-router-state.js):
// whatever Next refuses, the proxy refuses first; whatever the proxy accepts, Next parses.
import { createRequire } from "node:module";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isValidRouterStateHeader, MAX_ROUTER_STATE_DEPTH, MAX_ROUTER_STATE_LENGTH } from "./router-state-header";

const require = createRequire(import.meta.url);
const { parseAndValidateFlightRouterState } = require("next/dist/server/app-render/parse-and-validate-flight-router-state") as {
  parseAndValidateFlightRouterState: (header: string | string[] | undefined) => unknown;
};

function nextAccepts(header: string): boolean {
  try {
    parseAndValidateFlightRouterState(header);
    return true;
  } catch {
    return false;
  }
}

/** Router states as Next's client sends them, most of the time, and near misses of every element. */
const ABSENT = Symbol("absent");
const absentOr = (weight: number, ...values: { weight: number; arbitrary: fc.Arbitrary<unknown> }[]) =>
  fc.oneof({ weight, arbitrary: fc.constant<unknown>(ABSENT) }, ...values);
const junk = fc.jsonValue({ maxDepth: 1 });
const segment = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom("", "__PAGE__", "articles", "(site)", "site") },
  { weight: 3, arbitrary: fc.tuple(fc.constantFrom("siteId", "slug"), fc.string({ maxLength: 8 }), fc.constantFrom("c", "d", "oc", "ci(..)", "di(...)"), fc.option(fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }), { nil: null })) },
  { weight: 1, arbitrary: junk },
  { weight: 1, arbitrary: fc.tuple(fc.string(), fc.string(), fc.string({ maxLength: 3 }), fc.constant(null)) },
);
const tail = fc.tuple(
  absentOr(4, { weight: 3, arbitrary: fc.constant(null) }, { weight: 3, arbitrary: fc.tuple(fc.string(), fc.string()) }, { weight: 1, arbitrary: junk }),
  absentOr(4, { weight: 2, arbitrary: fc.constant(null) }, { weight: 3, arbitrary: fc.constantFrom("refetch", "inside-shared-layout", "metadata-only") }, { weight: 1, arbitrary: fc.string({ maxLength: 6 }) }),
  absentOr(4, { weight: 2, arbitrary: fc.constant(null) }, { weight: 3, arbitrary: fc.integer() }, { weight: 1, arbitrary: junk }),
  absentOr(6, { weight: 3, arbitrary: fc.string({ maxLength: 6 }) }, { weight: 1, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.integer() }),
  absentOr(20, { weight: 1, arbitrary: junk }),
);
const { tree } = fc.letrec<{ tree: unknown; children: unknown }>((tie) => ({
  tree: fc.tuple(segment, tie("children"), tail).map(([s, c, rest]) => {
    const items: unknown[] = [s, c, ...rest];
    // Absent elements at the end are simply not there; one in the middle can only be sent as null.
    while (items.length > 2 && items[items.length - 1] === ABSENT) items.pop();
    return items.map((item) => (item === ABSENT ? null : item));
  }),
  children: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    { weight: 4, arbitrary: fc.constant({}) },
    { weight: 4, arbitrary: fc.dictionary(fc.constantFrom("children", "modal", "__proto__", "0"), tie("tree"), { maxKeys: 2 }) },
    { weight: 1, arbitrary: fc.array(tie("tree"), { maxLength: 2 }) },
    { weight: 1, arbitrary: junk },
  ),
}));
const header = fc.oneof(
  { weight: 6, arbitrary: tree.map((t) => encodeURIComponent(JSON.stringify(t))) },
  { weight: 2, arbitrary: tree.map((t) => JSON.stringify(t)) },
  { weight: 1, arbitrary: fc.jsonValue().map((v) => encodeURIComponent(JSON.stringify(v))) },
  { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 60 }) },
  { weight: 1, arbitrary: fc.constantFrom("", "%", "%E0%A4%A", "[", "null", "[]", '[""]', '["",{}]', '["",{}],["",{}]', '["",{},null,null,null,null]', '["",{},null,null,null,"x",1]', '["",[]]') },
);

/** A router state `depth` trees deep, as raw JSON (Next decodes it to itself), one-letter keys to stay small. */
function nested(depth: number): string {
  let state: unknown = ["__PAGE__", {}];
  for (let level = 1; level < depth; level++) state = ["", { c: state }];
  return JSON.stringify(state);
}

describe("isValidRouterStateHeader", () => {
  it("refuses every header Next's own parser refuses, and accepts what it accepts (property, 3 000 cases)", () => {
    const verdicts = { accepted: 0, refused: 0 };
    fc.assert(
      fc.property(header, (value) => {
        const accepted = nextAccepts(value);
        verdicts[accepted ? "accepted" : "refused"] += 1;
        expect(isValidRouterStateHeader(value), value.slice(0, 200)).toBe(accepted);
      }),
      { numRuns: 3000, seed: 20_261_122 },
    );
    // Not vacuous: the generator reaches both sides of Next's rule.
    expect(verdicts.accepted, JSON.stringify(verdicts)).toBeGreaterThan(300);
    expect(verdicts.refused, JSON.stringify(verdicts)).toBeGreaterThan(300);
  });

  it("accepts router states shaped like this app's own routes, as Next does", () => {
    const article = ["", { children: ["site", { children: [["siteId", "s1", "d", null], { children: ["articles", { children: [["articleSlug", "welcome", "d", ["x"]], { children: ["__PAGE__", {}] }] }] }] }] }, null, "refetch", 1];
    const withModal = ["", { children: ["__PAGE__", {}], modal: ["(.)photo", {}, ["/photo", "/photo"], null] }, null, null, 1, "hint"];
    for (const state of [article, withModal]) {
      const value = encodeURIComponent(JSON.stringify(state));
      expect(nextAccepts(value)).toBe(true);
      expect(isValidRouterStateHeader(value)).toBe(true);
    }
  });

  it("refuses a header over Next's size limit, as Next does", () => {
    const padded = encodeURIComponent(JSON.stringify(["", {}, null, null, null, "x".repeat(MAX_ROUTER_STATE_LENGTH)]));
    expect(isValidRouterStateHeader(padded)).toBe(false);
    expect(nextAccepts(padded)).toBe(false);
  });

  it("is stricter than Next only on depth: past 64 nested trees it refuses what Next would still parse (and, deeper still, answer with a 500 when its stack overflows)", () => {
    expect(isValidRouterStateHeader(nested(MAX_ROUTER_STATE_DEPTH))).toBe(true);
    expect(isValidRouterStateHeader(nested(MAX_ROUTER_STATE_DEPTH + 1))).toBe(false);
    expect(nextAccepts(nested(MAX_ROUTER_STATE_DEPTH + 1))).toBe(true);
    const deep = nested(2000);
    expect(deep.length).toBeLessThan(MAX_ROUTER_STATE_LENGTH);
    expect(isValidRouterStateHeader(deep)).toBe(false);
  });
});
