// What a site page knows about its reader: the SSO status body, computed by the proxy in its
// one query and handed to the page in an internal request header, so rendering needs no
// second lookup. The proxy strips any incoming copy of that header: only it can set it.
import { getSsoStatusBody, type SsoStatusBody } from "./sso-status";
import type { SiteContext } from "./site-context";

export const VIEWER_HEADER = "x-mss-viewer";
/** Set by the proxy when this browser was signed out by the device limit (lib/sso/device-limit-notice.ts). */
export const NOTICE_HEADER = "x-mss-notice";
/** Every internal header starts with this; the proxy removes all of them from incoming requests. */
export const INTERNAL_HEADER_PREFIX = "x-mss-";

export type SiteViewer = SsoStatusBody & {
  /**
   * The signed-in reader of this site session, linked or not. (The SSO `user` is only set when
   * the session is also linked; a site signs readers in under Disabled too.)
   */
  reader: { id: string; email: string; displayName: string | null; emailVerified: boolean } | null;
  mode: SiteContext["site"]["mode"];
  siteId: string;
  /** The site's look, loaded by the same query (pages render it without a query of their own). */
  site: { slug: string; name: string; orgId: string } & SiteContext["site"]["branding"];
  /** Ids (not secrets) for server-side pages such as /account. Never sent to the browser by the status API. */
  sessionId: string | null;
  tokenId: string | null;
};

export function encodeViewer(context: SiteContext): string {
  const viewer: SiteViewer = {
    ...getSsoStatusBody(context),
    reader: context.session?.readerId ? context.reader : null,
    mode: context.site.mode,
    siteId: context.site.id,
    site: { slug: context.site.slug, name: context.site.name, orgId: context.site.orgId, ...context.site.branding },
    sessionId: context.session?.id ?? null,
    tokenId: context.token?.id ?? null,
  };
  // Header values must be ASCII; the masked email has "•".
  return Buffer.from(JSON.stringify(viewer), "utf8").toString("base64url");
}

export function decodeViewer(value: string | null): SiteViewer | null {
  if (!value) return null;
  try {
    return JSON.parse(Buffer.from(value, "base64url").toString("utf8")) as SiteViewer;
  } catch {
    return null;
  }
}
