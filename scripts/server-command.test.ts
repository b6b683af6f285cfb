import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { nextStartCommand, SERVER_ENTRY, SERVER_NODE_OPTIONS, serverShellCommand } from "./server-command";

describe("the server command", () => {
  it("npm start runs the server entry with the same heap cap as every script and test", () => {
    const pkg = JSON.parse(readFileSync("package.json", "utf8")) as { scripts: Record<string, string> };
    expect(pkg.scripts.start).toBe(`node ${SERVER_NODE_OPTIONS} ${SERVER_ENTRY}`);
  });

  it("puts node's flags before the entry and the port after it", () => {
    const { args } = nextStartCommand(4100, ["--cpu-prof"]);
    expect(args).toEqual([SERVER_NODE_OPTIONS, "--cpu-prof", SERVER_ENTRY, "-p", "4100"]);
  });

  it("Playwright's web server runs the same command as every other", () => {
    const config = readFileSync("playwright.config.ts", "utf8");
    expect(config).toContain("serverShellCommand(testEnv.E2E_PORT)");
    expect(serverShellCommand(4100)).toBe(`node ${SERVER_NODE_OPTIONS} ${SERVER_ENTRY} -p 4100`);
  });
});
