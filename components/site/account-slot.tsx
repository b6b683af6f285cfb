import type { SiteViewer } from "@/lib/sso/site-viewer";

/** Who is signed in, rendered on the server (no flash of the wrong state). */
export function AccountSlot({ viewer }: { viewer: SiteViewer | null }) {
  if (viewer?.status === "authenticated" && viewer.user) {
    return <span data-testid="signed-in-as">Signed in as {viewer.user.displayName ?? viewer.user.email}</span>;
  }
  return <span data-testid="signed-out">Not signed in</span>;
}
