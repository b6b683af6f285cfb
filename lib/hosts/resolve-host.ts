// Which part of the product serves a host: the admin console, an organisation's auth
// domain, or one of its sites. Hostnames come from the database (sites, auth hosts) and
// from ADMIN_HOSTS; the mapping is cached briefly per instance (see ttl-cache.ts).
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { TtlCache } from "./ttl-cache";

export type HostTarget =
  | { kind: "admin" }
  | { kind: "auth-domain"; orgId: string }
  | { kind: "site"; orgId: string; siteId: string };

type HostRow = { kind: "site" | "auth-domain"; org_id: string; site_id: string | null };

const hostCache = new TtlCache<HostTarget>({ ttlMs: env.HOST_CACHE_TTL_MS, maxEntries: 10_000 });

/** One round trip: a hostname is either a site's or an organisation's auth host. */
export async function findHostTarget(hostname: string): Promise<HostTarget | null> {
  const rows = await db.$queryRaw<HostRow[]>`
    SELECT 'site' AS kind, s.org_id::text AS org_id, s.id::text AS site_id
      FROM site_hostnames h JOIN sites s ON s.id = h.site_id
     WHERE h.hostname = ${hostname}
    UNION ALL
    SELECT 'auth-domain' AS kind, o.id::text AS org_id, NULL AS site_id
      FROM organizations o
     WHERE o.auth_host = ${hostname}
    LIMIT 1`;
  const row = rows[0];
  if (!row) return null;
  if (row.kind === "site" && row.site_id) return { kind: "site", orgId: row.org_id, siteId: row.site_id };
  return { kind: "auth-domain", orgId: row.org_id };
}

export async function resolveHost(hostname: string): Promise<HostTarget | null> {
  if (env.ADMIN_HOSTS.includes(hostname)) return { kind: "admin" };
  return hostCache.get(hostname, findHostTarget);
}

/** For tests that change hostnames and must not wait for the TTL. */
export function clearHostCache(): void {
  hostCache.clear();
}
