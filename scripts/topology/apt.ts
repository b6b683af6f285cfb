// The Debian packages the topology runs (haproxy, pgbouncer): installed with apt-get when
// missing (as root; says so), else a one-line reason why the topology cannot run here.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

export type PackageNeed = { pkg: string; binary: string };

export const TOPOLOGY_PACKAGES: PackageNeed[] = [
  { pkg: "haproxy", binary: "/usr/sbin/haproxy" },
  { pkg: "pgbouncer", binary: "/usr/sbin/pgbouncer" },
];

export type EnsureResult = { ok: true; installed: string[] } | { ok: false; reason: string };

export function ensurePackages(needs: PackageNeed[] = TOPOLOGY_PACKAGES, say: (line: string) => void = console.log): EnsureResult {
  const missing = needs.filter((need) => !existsSync(need.binary));
  if (missing.length === 0) return { ok: true, installed: [] };
  const names = missing.map((need) => need.pkg);
  if (process.getuid?.() !== 0) return { ok: false, reason: `${names.join(", ")} missing and not root: install them (apt-get install ${names.join(" ")})` };
  if (!existsSync("/usr/bin/apt-get")) return { ok: false, reason: `${names.join(", ")} missing and no apt-get on this machine` };
  say(`installing ${names.join(", ")} with apt-get (missing)…`);
  const quiet = { stdio: ["ignore", "ignore", "pipe"] as ["ignore", "ignore", "pipe"], env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } };
  const update = spawnSync("apt-get", ["update", "-qq"], quiet);
  if (update.status !== 0) return { ok: false, reason: `apt-get update failed: ${update.stderr?.toString().trim().split("\n").at(-1) ?? ""}` };
  const install = spawnSync("apt-get", ["-o", "DPkg::Lock::Timeout=120", "install", "-y", "-qq", "--no-install-recommends", ...names], quiet);
  if (install.status !== 0) return { ok: false, reason: `apt-get install ${names.join(" ")} failed: ${install.stderr?.toString().trim().split("\n").at(-1) ?? ""}` };
  const stillMissing = missing.filter((need) => !existsSync(need.binary));
  if (stillMissing.length > 0) return { ok: false, reason: `installed, but ${stillMissing.map((n) => n.binary).join(", ")} not found` };
  // Debian starts the packaged services on install; the topology runs its own instances (own
  // configs, own ports), so the system ones are stopped again to leave the machine as it was.
  for (const pkg of names) spawnSync("sh", ["-c", `command -v systemctl >/dev/null && systemctl stop ${pkg} 2>/dev/null; service ${pkg} stop >/dev/null 2>&1 || true`], { stdio: "ignore" });
  say(`installed ${names.join(", ")}`);
  return { ok: true, installed: names };
}
