import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { reachableModules } from "@/scripts/count-proxy-modules";
import { renderRouteTemplates, ROUTE_TEMPLATES_FILE } from "@/scripts/generate-route-templates";

describe("route labels come from a generated list of the contract's path templates", () => {
  it("route-templates.generated.ts is up to date with operations.ts (else: npx tsx scripts/generate-route-templates.ts)", () => {
    expect(readFileSync(ROUTE_TEMPLATES_FILE, "utf8")).toBe(renderRouteTemplates());
  });

  it("the proxy labels its answers without loading the API contract and its schemas", async () => {
    const { own } = await reachableModules("proxy.ts");
    expect(own).toContain("lib/api-contract/route-templates.generated.ts");
    expect(own).not.toContain("lib/api-contract/operations.ts");
  });
});
