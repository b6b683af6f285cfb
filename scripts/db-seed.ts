// `npm run db:seed` — seed the demo data into DATABASE_URL (idempotent).
import { env, getDatabaseUrl } from "@/lib/env";
import { seedDemoData } from "@/prisma/seed";

try {
  await seedDemoData({ connectionString: getDatabaseUrl(), port: env.PORT, log: (line) => console.log(line) });
} catch (error) {
  console.error(`seed failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
