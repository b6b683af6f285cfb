// A site page that offers a sign-in (sign in, register, forgot password) sends the reader on to
// the auth domain's page when the organisation hosts sign-in there (lib/sso/hosted-sign-in.ts),
// unless the reader chose this site's own page (`here=1`, linked from the hosted page).
import { redirect } from "next/navigation";
import { hostedStartPath, isHostedSignInOnFor, type HostedView } from "./hosted-sign-in";
import type { SiteViewer } from "./site-viewer";

export async function redirectToHostedPage(viewer: SiteViewer | null, view: HostedView, returnPath: string, here: string | string[] | undefined): Promise<void> {
  if (!viewer || viewer.reader || here === "1") return;
  if (await isHostedSignInOnFor({ orgId: viewer.site.orgId, mode: viewer.mode })) redirect(hostedStartPath(view, returnPath));
}
