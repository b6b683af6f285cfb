import Link from "next/link";
import type { SiteViewer } from "@/lib/sso/site-viewer";
import { SignOutButton } from "./sign-out-button";

/** Who is signed in, rendered on the server (no flash of the wrong state). */
export function AccountSlot({ viewer }: { viewer: SiteViewer | null }) {
  if (viewer?.reader) {
    return (
      <span className="account-actions">
        <Link href="/account" data-testid="signed-in-as">
          Signed in as {viewer.reader.displayName ?? viewer.reader.email}
        </Link>
        <SignOutButton />
      </span>
    );
  }
  return (
    <span className="account-actions" data-testid="signed-out">
      {/* Plain links (full page loads): under hosted sign-in these pages lead on to the auth domain. */}
      <a href="/signin">Sign in</a>
      <a href="/register">Register</a>
    </span>
  );
}
