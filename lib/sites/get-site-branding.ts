// What a site's pages need to render its own look. Cached per request (React cache), so a
// layout and a page asking for the same site cost one query.
import { cache } from "react";
import { z } from "zod";
import { db } from "@/lib/db/client";

export type SiteBranding = {
  id: string;
  orgId: string;
  slug: string;
  name: string;
  themeColor: string;
  logoText: string;
  orgName: string;
};

export const getSiteBranding = cache(async (siteId: string): Promise<SiteBranding | null> => {
  // Only the proxy puts ids here, but a malformed one must read as "no such site", not a 500.
  if (!z.uuid().safeParse(siteId).success) return null;
  const site = await db.site.findUnique({
    where: { id: siteId },
    select: { id: true, orgId: true, slug: true, name: true, themeColor: true, logoText: true, org: { select: { name: true } } },
  });
  if (!site) return null;
  return { id: site.id, orgId: site.orgId, slug: site.slug, name: site.name, themeColor: site.themeColor, logoText: site.logoText, orgName: site.org.name };
});
