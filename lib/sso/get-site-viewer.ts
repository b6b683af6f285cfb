// For site pages (server components): who is reading, as the proxy resolved it.
import { headers } from "next/headers";
import { decodeViewer, VIEWER_HEADER, type SiteViewer } from "./site-viewer";

export async function getSiteViewer(): Promise<SiteViewer | null> {
  return decodeViewer((await headers()).get(VIEWER_HEADER));
}
