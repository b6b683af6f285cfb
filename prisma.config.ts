// Prisma CLI configuration (Prisma 7 reads the datasource URL from here, not from the schema).
// NOTE: the CLI is tooling, not the app, so it reads DATABASE_URL itself; the app reads it
// only through lib/env.ts. `generate` needs no URL, hence the empty fallback.
import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "" },
});
