// Which Chromium the suite drives — the one place that knows where Chromium is. In order:
// CHROMIUM_PATH when set (an explicit choice wins, and is not second-guessed); Playwright's
// own build when it is installed; the system's (/usr/bin/chromium, Debian's package on CI).
// `npm test` (ensureChromium) also gets one when there is none, before anything runs:
// `npx playwright install chromium`, else — as root on Debian/Ubuntu — `apt-get install -y
// chromium`, else it stops with one line saying what to install.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { chromium } from "@playwright/test";
import { testEnv } from "@/test/test-env";

export const chromiumArgs = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

const SYSTEM_CHROMIUM_PATHS = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];

/** What the decision needs to know about the machine; injected so the decision can be tested. */
export type ChromiumProbes = {
  /** CHROMIUM_PATH. */
  setting: string | undefined;
  exists: (path: string) => boolean;
  /** Where Playwright's own Chromium is (or would be) installed. */
  bundledPath: () => string;
  /** `npx playwright install chromium`; true when it exited 0. */
  installBundled: () => boolean;
  isRoot: boolean;
  isDebianLike: boolean;
  /** `apt-get install -y chromium`; true when it exited 0. */
  aptInstall: () => boolean;
  say: (line: string) => void;
};

export type ChromiumChoice =
  /** executablePath undefined: Playwright launches its own build. */
  | { ok: true; executablePath: string | undefined; how: string }
  | { ok: false; message: string };

export const NO_CHROMIUM_MESSAGE =
  "No Chromium for the browser tests: run `npx playwright install chromium` (or, on Debian/Ubuntu, `sudo apt-get install -y chromium`), or set CHROMIUM_PATH to a Chromium executable.";

export function chooseChromium(probes: ChromiumProbes, options: { install: boolean }): ChromiumChoice {
  if (probes.setting) {
    return probes.exists(probes.setting)
      ? { ok: true, executablePath: probes.setting, how: `CHROMIUM_PATH (${probes.setting})` }
      : { ok: false, message: `CHROMIUM_PATH is ${probes.setting}, which does not exist: point it at a Chromium executable, or unset it.` };
  }
  type Found = Extract<ChromiumChoice, { ok: true }>;
  const found = (): Found | undefined => {
    if (probes.exists(probes.bundledPath())) return { ok: true, executablePath: undefined, how: "Playwright's own Chromium" };
    const system = SYSTEM_CHROMIUM_PATHS.find((path) => probes.exists(path));
    return system ? { ok: true, executablePath: system, how: `the system's Chromium (${system})` } : undefined;
  };
  const present = found();
  if (present || !options.install) return present ?? { ok: false, message: NO_CHROMIUM_MESSAGE };

  probes.say("no Chromium found: trying `npx playwright install chromium`");
  if (probes.installBundled()) {
    const installed = found();
    if (installed) return { ...installed, how: `${installed.how}, just installed` };
  }
  if (probes.isRoot && probes.isDebianLike) {
    probes.say("trying `apt-get install -y chromium`");
    if (probes.aptInstall()) {
      const installed = found();
      if (installed) return { ...installed, how: `${installed.how}, just installed` };
    }
  }
  return { ok: false, message: NO_CHROMIUM_MESSAGE };
}

function isDebianLike(): boolean {
  if (existsSync("/etc/debian_version")) return true;
  const release = (() => {
    try {
      return readFileSync("/etc/os-release", "utf8");
    } catch {
      return "";
    }
  })();
  return /^(ID|ID_LIKE)=.*\b(debian|ubuntu)\b/m.test(release);
}

function runQuietly(command: string, args: string[]): boolean {
  const result = spawnSync(command, args, { stdio: ["ignore", "inherit", "inherit"], env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
  return result.status === 0;
}

function machineProbes(): ChromiumProbes {
  return {
    setting: testEnv.CHROMIUM_PATH,
    exists: existsSync,
    bundledPath: () => chromium.executablePath(),
    installBundled: () => runQuietly("npx", ["--no-install", "playwright", "install", "chromium"]),
    isRoot: process.getuid?.() === 0,
    isDebianLike: isDebianLike(),
    aptInstall: () => runQuietly("apt-get", ["update", "-qq"]) && runQuietly("apt-get", ["install", "-y", "-qq", "chromium"]),
    say: (line) => console.log(`[chromium] ${line}`),
  };
}

/** For launching: the executable, or undefined for Playwright's own. Throws (one line) when there is none. */
export function findChromiumExecutable(): string | undefined {
  const choice = chooseChromium(machineProbes(), { install: false });
  if (!choice.ok) throw new Error(choice.message);
  return choice.executablePath;
}

/** `npm test`, before anything runs: finds a Chromium, installing one if it can. */
export function ensureChromium(): ChromiumChoice {
  return chooseChromium(machineProbes(), { install: true });
}
