// Password hashing: argon2id at OWASP's current recommendation (m = 19 MiB, t = 2, p = 1).
import { hash, verify } from "@node-rs/argon2";

export const ARGON2ID_OPTIONS = {
  // 2 = Argon2id (the package exports it as an ambient const enum, unusable under isolatedModules).
  algorithm: 2,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
} as const;

export async function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2ID_OPTIONS);
}

/** Constant-time by construction (argon2 recomputes and compares the full digest). */
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    // A malformed stored hash must read as "wrong password", never as a server error.
    return false;
  }
}
