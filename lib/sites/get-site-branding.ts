// What a site's pages need to render its own look. The proxy's one query already loaded it
// (lib/sso/site-context.ts) and handed it over with the viewer, so a page normally renders with
// no query of its own (and a database that vanishes mid-request is a 503 from the proxy, not a
// failed render); the query here is the fallback. Cached per request (React cache).
import { cache } from "react";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { getSiteViewer } from "@/lib/sso/get-site-viewer";

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
  const viewer = await getSiteViewer();
  if (viewer?.siteId === siteId && viewer.site) {
    const { slug, name, orgId, themeColor, logoText, orgName } = viewer.site;
    return { id: siteId, orgId, slug, name, themeColor, logoText, orgName };
  }
  const site = await db.site.findUnique({
    where: { id: siteId },
    select: { id: true, orgId: true, slug: true, name: true, themeColor: true, logoText: true, org: { select: { name: true } } },
  });
  if (!site) return null;
  return { id: site.id, orgId: site.orgId, slug: site.slug, name: site.name, themeColor: site.themeColor, logoText: site.logoText, orgName: site.org.name };
});
