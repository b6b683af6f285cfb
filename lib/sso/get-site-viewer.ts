// For site pages (server components): who is reading, as the proxy resolved it.
import { headers } from "next/headers";
import { decodeViewer, NOTICE_HEADER, VIEWER_HEADER, type SiteViewer } from "./site-viewer";

/** Whether this page must tell the reader they were signed out by the device limit (set by the proxy only). */
export async function wasSignedOutByDeviceLimit(): Promise<boolean> {
  return (await headers()).get(NOTICE_HEADER) === "device_limit";
}

export async function getSiteViewer(): Promise<SiteViewer | null> {
  return decodeViewer((await headers()).get(VIEWER_HEADER));
}
