// Password sign-ins per second per core: what bounds them is argon2id as configured
// (lib/auth/password.ts), so the figure is argon2 verifications on one core, back to back, counted in CPU time, with
// the product's own hash and verify functions (each verify is one sign-in's hashing; the
// sign-in's few statements cost about what a handshake hop's do, see the table).
import { hashPassword, verifyPassword } from "@/lib/auth/password";

export type PasswordRate = { verificationsPerSecondPerCore: number; msPerVerification: number; samples: number };

export async function measurePasswordVerifications(seconds = 5): Promise<PasswordRate> {
  const stored = await hashPassword("bench-password-1");
  for (let i = 0; i < 3; i++) await verifyPassword(stored, "bench-password-1"); // warm-up
  let samples = 0;
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  // One at a time: @node-rs/argon2 runs each on one libuv thread, so this is one core's rate.
  while (performance.now() - started < seconds * 1000) {
    if (!(await verifyPassword(stored, "bench-password-1"))) throw new Error("argon2 verify failed");
    samples++;
  }
  // CPU time, not wall time: this process's (argon2's thread included) per verification.
  const cpu = process.cpuUsage(cpuBefore);
  const ms = (cpu.user + cpu.system) / 1000 / samples;
  return { verificationsPerSecondPerCore: Math.round(1000 / ms), msPerVerification: Math.round(ms * 10) / 10, samples };
}

export const describePasswordRate = (rate: PasswordRate) =>
  `password sign-ins per core (argon2id m=19 MiB, t=2, p=1): ${rate.verificationsPerSecondPerCore}/s (${rate.msPerVerification} ms each, ${rate.samples} verifications); Keycloak publishes 15 per vCPU`;
