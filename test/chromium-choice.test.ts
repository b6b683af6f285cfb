// `npm test` on a machine with no browser: e2e/chromium.ts decides which Chromium to drive and
// what to install, before anything runs. The decision over injected probes (nothing installed here).
import { describe, expect, it } from "vitest";
import { chooseChromium, NO_CHROMIUM_MESSAGE, type ChromiumProbes } from "@/e2e/chromium";

const BUNDLED = "/home/u/.cache/ms-playwright/chromium-1/chrome-linux/chrome";

function machine(options: { present?: string[]; setting?: string; bundledInstalls?: boolean; aptInstalls?: boolean; isRoot?: boolean; isDebianLike?: boolean }) {
  const files = new Set(options.present ?? []);
  const tried: string[] = [];
  const probes: ChromiumProbes = {
    setting: options.setting,
    exists: (path) => files.has(path),
    bundledPath: () => BUNDLED,
    installBundled: () => {
      tried.push("playwright");
      if (options.bundledInstalls) files.add(BUNDLED);
      return options.bundledInstalls ?? false;
    },
    isRoot: options.isRoot ?? false,
    isDebianLike: options.isDebianLike ?? false,
    aptInstall: () => {
      tried.push("apt");
      if (options.aptInstalls) files.add("/usr/bin/chromium");
      return options.aptInstalls ?? false;
    },
    say: () => {},
  };
  return { probes, tried };
}

describe("which Chromium npm test drives, and what it installs", () => {
  it("Playwright's own build when installed, before the system's; nothing installed", () => {
    const { probes, tried } = machine({ present: [BUNDLED, "/usr/bin/chromium"] });
    expect(chooseChromium(probes, { install: true })).toMatchObject({ ok: true, executablePath: undefined });
    expect(tried).toEqual([]);
  });

  it("else the system's /usr/bin/chromium; an explicit CHROMIUM_PATH wins over both", () => {
    expect(chooseChromium(machine({ present: ["/usr/bin/chromium"] }).probes, { install: true })).toMatchObject({ ok: true, executablePath: "/usr/bin/chromium" });
    expect(chooseChromium(machine({ present: [BUNDLED, "/opt/c/chrome"], setting: "/opt/c/chrome" }).probes, { install: true })).toMatchObject({ ok: true, executablePath: "/opt/c/chrome" });
  });

  it("else tries `npx playwright install chromium` and uses what it installed", () => {
    const { probes, tried } = machine({ bundledInstalls: true, isRoot: true, isDebianLike: true });
    expect(chooseChromium(probes, { install: true })).toMatchObject({ ok: true, executablePath: undefined });
    expect(tried).toEqual(["playwright"]);
  });

  it("else, as root on Debian/Ubuntu, apt-get install -y chromium", () => {
    const { probes, tried } = machine({ aptInstalls: true, isRoot: true, isDebianLike: true });
    expect(chooseChromium(probes, { install: true })).toMatchObject({ ok: true, executablePath: "/usr/bin/chromium" });
    expect(tried).toEqual(["playwright", "apt"]);
  });

  it("never runs apt-get when not root or not on Debian/Ubuntu", () => {
    for (const where of [{ isRoot: false, isDebianLike: true }, { isRoot: true, isDebianLike: false }]) {
      const { probes, tried } = machine({ aptInstalls: true, ...where });
      expect(chooseChromium(probes, { install: true })).toEqual({ ok: false, message: NO_CHROMIUM_MESSAGE });
      expect(tried).toEqual(["playwright"]);
    }
  });

  it("else stops with ONE line saying what to install", () => {
    const { probes } = machine({ isRoot: true, isDebianLike: true });
    const choice = chooseChromium(probes, { install: true });
    expect(choice.ok).toBe(false);
    const message = choice.ok ? "" : choice.message;
    expect(message).not.toMatch(/\n/);
    expect(message).toContain("npx playwright install chromium");
    expect(message).toContain("apt-get install -y chromium");
  });

  it("when only looking (launching a browser), installs nothing", () => {
    const { probes, tried } = machine({ bundledInstalls: true, aptInstalls: true, isRoot: true, isDebianLike: true });
    expect(chooseChromium(probes, { install: false })).toEqual({ ok: false, message: NO_CHROMIUM_MESSAGE });
    expect(tried).toEqual([]);
  });

  it("a CHROMIUM_PATH that does not exist is said in one line, not silently replaced", () => {
    const choice = chooseChromium(machine({ present: [BUNDLED], setting: "/nope/chrome" }).probes, { install: true });
    expect(choice).toMatchObject({ ok: false });
    expect(choice.ok ? "" : choice.message).toMatch(/^CHROMIUM_PATH is \/nope\/chrome, which does not exist[^\n]*$/);
  });
});
