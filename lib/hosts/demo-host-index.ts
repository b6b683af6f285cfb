// http://localhost:<port> under `npm run demo`: Next's banner advertises that address, and it
// serves no part of the product (unknown_host). When the demo says so (DEMO_HOST_INDEX, set by
// scripts/demo.ts only), its home page lists the demo's hosts instead. A deployment never sets
// it: there an unknown host must stay a plain 404 that reveals nothing about what else is served.
import { plainHtmlResponse } from "@/lib/http/error-response";
import { parseHost } from "./parse-host";

const LOOPBACK_NAMES = new Set(["localhost", "127.0.0.1", "[::1]"]);

/** The host index for GET / on a loopback name when `hosts` (DEMO_HOST_INDEX) is set; else null. */
export function demoHostIndexResponse(options: { host: string | null; pathname: string; hosts: string[] | undefined; mailUrl?: string | undefined }): Response | null {
  if (!options.hosts?.length || options.pathname !== "/") return null;
  const parsed = parseHost(options.host);
  if (!parsed || !LOOPBACK_NAMES.has(parsed.hostname)) return null;
  const port = parsed.port === null ? "" : `:${parsed.port}`;
  return plainHtmlResponse({
    status: 200,
    title: "multisite-sso demo",
    heading: "multisite-sso demo",
    paragraphs: ["This address serves no part of the product: each site, the auth domain and the admin console answer on their own host name. Open one of them:"],
    links: [
      ...options.hosts.map((hostname) => ({ href: `http://${hostname}${port}/`, text: `${hostname}${port}` })),
      // The demo's local SMTP catcher: where the verification, reset and sign-in links arrive.
      ...(options.mailUrl ? [{ href: options.mailUrl, text: "Caught mail (what the demo sends)" }] : []),
    ],
  });
}
