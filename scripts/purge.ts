// `npm run db:purge` — delete expired OTTs, sessions, SSO tokens and rate-limit buckets from
// DATABASE_URL once, in bounded batches (for a cron; the app also purges periodically).
import { disconnectDatabase } from "@/lib/db/client";
import { purgeExpired } from "@/lib/sso/purge-expired";

try {
  const counts = await purgeExpired();
  for (const [table, count] of Object.entries(counts)) console.log(`${table}: ${count} deleted`);
  await disconnectDatabase();
} catch (error) {
  console.error(`purge failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
