// Password sign-ins per second per core: what bounds them is argon2id as configured
// (lib/auth/password.ts), so the figure is argon2 verifications on one core, back to back,
// counted in CPU time, with the product's own hash and verify functions (each verify is one
// sign-in's hashing; the sign-in's few statements cost about what a handshake hop's do). Beside
// it, OWASP's other argon2id settings of the same strength (Password Storage Cheat Sheet: m = 47,
// 19, 12, 9, 7 MiB with t = 1, 2, 3, 4, 5): what each setting trades.
import { hash, verify } from "@node-rs/argon2";
import { ARGON2ID_OPTIONS, hashPassword, verifyPassword } from "@/lib/auth/password";

export type PasswordRate = { verificationsPerSecondPerCore: number; msPerVerification: number; samples: number };
export type PasswordSetting = { memoryMiB: number; timeCost: number; configured: boolean } & PasswordRate;

async function cpuPerVerification(verifyOnce: () => Promise<boolean>, seconds: number): Promise<PasswordRate> {
  for (let i = 0; i < 3; i++) await verifyOnce(); // warm-up
  let samples = 0;
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  // One at a time: @node-rs/argon2 runs each on one libuv thread, so this is one core's rate.
  while (performance.now() - started < seconds * 1000) {
    if (!(await verifyOnce())) throw new Error("argon2 verify failed");
    samples++;
  }
  // CPU time, not wall time: this process's (argon2's thread included) per verification.
  const cpu = process.cpuUsage(cpuBefore);
  const ms = (cpu.user + cpu.system) / 1000 / samples;
  return { verificationsPerSecondPerCore: Math.round(1000 / ms), msPerVerification: Math.round(ms * 10) / 10, samples };
}

export async function measurePasswordVerifications(seconds = 5): Promise<PasswordRate> {
  const stored = await hashPassword("bench-password-1");
  return cpuPerVerification(() => verifyPassword(stored, "bench-password-1"), seconds);
}

const OWASP_ARGON2ID: { memoryKiB: number; timeCost: number }[] = [
  { memoryKiB: 47_104, timeCost: 1 },
  { memoryKiB: 19_456, timeCost: 2 },
  { memoryKiB: 12_288, timeCost: 3 },
  { memoryKiB: 9_216, timeCost: 4 },
  { memoryKiB: 7_168, timeCost: 5 },
];

export async function measurePasswordSettings(seconds = 3): Promise<PasswordSetting[]> {
  const settings: PasswordSetting[] = [];
  for (const { memoryKiB, timeCost } of OWASP_ARGON2ID) {
    const options = { ...ARGON2ID_OPTIONS, memoryCost: memoryKiB, timeCost };
    const stored = await hash("bench-password-1", options);
    const rate = await cpuPerVerification(() => verify(stored, "bench-password-1"), seconds);
    settings.push({ memoryMiB: memoryKiB / 1024, timeCost, configured: memoryKiB === ARGON2ID_OPTIONS.memoryCost && timeCost === ARGON2ID_OPTIONS.timeCost, ...rate });
  }
  return settings;
}

export const describePasswordRate = (rate: PasswordRate) =>
  `password sign-ins per core (argon2id m=19 MiB, t=2, p=1): ${rate.verificationsPerSecondPerCore}/s (${rate.msPerVerification} ms each, ${rate.samples} verifications); Keycloak publishes 15 per vCPU`;

export const describePasswordSettings = (settings: PasswordSetting[]) =>
  settings.map((s) => `argon2id m=${s.memoryMiB} MiB t=${s.timeCost}${s.configured ? " (configured)" : ""}: ${s.msPerVerification} ms of CPU, ${s.verificationsPerSecondPerCore}/s per core`).join("\n");
