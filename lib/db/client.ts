// The one Prisma client of the app, created once per process and reused across hot reloads.
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client.ts";
import { env, getDatabaseUrl } from "@/lib/env";

function createPrismaClient(): PrismaClient {
  const adapter = new PrismaPg({
    connectionString: getDatabaseUrl(),
    max: env.DATABASE_POOL_MAX,
    // Fail fast when the database is unreachable instead of queueing requests forever.
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
  });
  return new PrismaClient({ adapter });
}

const globalForPrisma = globalThis as unknown as { __mssPrisma?: PrismaClient };

export const db: PrismaClient = globalForPrisma.__mssPrisma ?? createPrismaClient();
if (env.NODE_ENV !== "production") globalForPrisma.__mssPrisma = db;
