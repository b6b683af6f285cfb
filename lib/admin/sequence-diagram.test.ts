import { describe, expect, it } from "vitest";
import { getSequenceDiagram } from "./sequence-diagram";

describe("getSequenceDiagram (what each mode does, for the settings page)", () => {
  it("Auto Login runs the handshake through the auth domain and ends signed in", () => {
    const diagram = getSequenceDiagram({ mode: "auto_login", ottTtlSeconds: 60 });
    expect(diagram.steps.some((s) => s.to === "auth")).toBe(true);
    expect(diagram.steps.at(-1)).toMatchObject({ from: "site", to: "browser", label: expect.stringMatching(/signed in/) });
    expect(diagram.steps.at(-1)?.label).not.toMatch(/signed out/);
  });

  it("Opt In runs the same handshake but ends known, signed in only after Continue", () => {
    const diagram = getSequenceDiagram({ mode: "opt_in", ottTtlSeconds: 60 });
    expect(diagram.steps.some((s) => s.to === "auth")).toBe(true);
    expect(diagram.steps.map((s) => s.label).join(" | ")).toMatch(/signed out \(known\).*Continue/);
  });

  it("Disabled has no handshake: nothing goes to the auth domain", () => {
    const diagram = getSequenceDiagram({ mode: "disabled", ottTtlSeconds: 60 });
    expect(diagram.steps.every((s) => s.from !== "auth" && s.to !== "auth")).toBe(true);
    expect(diagram.outcome).toMatch(/No handshake/);
  });

  it("shows the organisation's own OTT lifetime", () => {
    expect(getSequenceDiagram({ mode: "auto_login", ottTtlSeconds: 45 }).steps.map((s) => s.label)).toContain("store one-time token (45 s)");
  });
});
