// Which Chromium the suite drives: Playwright's own build when it is installed (so users
// elsewhere need nothing special), else the system's (Debian's package on CI).
import { existsSync } from "node:fs";
import { chromium } from "@playwright/test";
import { env } from "@/lib/env";

export const chromiumArgs = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

export function findChromiumExecutable(): string | undefined {
  if (env.CHROMIUM_PATH) return env.CHROMIUM_PATH;
  const bundled = chromium.executablePath();
  if (bundled && existsSync(bundled)) return undefined; // Playwright finds its own.
  for (const candidate of ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]) {
    if (existsSync(candidate)) return candidate;
  }
  throw new Error("No Chromium found: run `npx playwright install chromium` or install your system's chromium package");
}
