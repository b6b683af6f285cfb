// `npm run db:generate` — generate the Prisma client.
// The Prisma CLI downloads its schema engine on every command when the engine is absent,
// which fails offline. `generate` never runs that engine, so when it is missing we point
// PRISMA_SCHEMA_ENGINE_BINARY at an existing file to stop the download. Where the real
// engine exists (or the variable is already set) nothing is overridden.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";

const enginesDir = join("node_modules", "@prisma", "engines");
const hasRealEngine =
  existsSync(enginesDir) && readdirSync(enginesDir).some((f) => f.startsWith("schema-engine"));
const env = { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: "1", CHECKPOINT_DISABLE: "1" };
if (!hasRealEngine && !env.PRISMA_SCHEMA_ENGINE_BINARY) env.PRISMA_SCHEMA_ENGINE_BINARY = process.execPath;

const result = spawnSync(join("node_modules", ".bin", "prisma"), ["generate"], { stdio: "inherit", env });
process.exit(result.status ?? 1);
