// Shown once on the first page an evicted device renders (lib/sso/device-limit-notice.ts): the
// reader learns why they are signed out, instead of a silent sign-out.
import Link from "next/link";
import { EVICTED_MESSAGE } from "@/lib/sso/device-limit-notice";

export function SignedOutNotice() {
  return (
    <aside className="verify-banner" role="status" aria-labelledby="signed-out-notice-text" data-notice="device_limit">
      <div className="container verify-banner-inner">
        <p id="signed-out-notice-text" className="verify-banner-text">
          {EVICTED_MESSAGE}
        </p>
        <Link href="/signin">Sign in</Link>
      </div>
    </aside>
  );
}
