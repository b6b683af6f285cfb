import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { nextStartCommand, SERVER_NODE_OPTIONS } from "./server-command";

describe("the server command", () => {
  it("npm start runs the server with the same heap cap as every script and test", () => {
    const pkg = JSON.parse(readFileSync("package.json", "utf8")) as { scripts: Record<string, string> };
    expect(pkg.scripts.start).toBe(`node ${SERVER_NODE_OPTIONS} node_modules/next/dist/bin/next start`);
  });

  it("puts node's flags before the script and the port after start", () => {
    const { args } = nextStartCommand(4100, ["--cpu-prof"]);
    expect(args).toEqual([SERVER_NODE_OPTIONS, "--cpu-prof", "node_modules/next/dist/bin/next", "start", "-p", "4100"]);
  });
});
