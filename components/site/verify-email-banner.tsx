// Under the `optional` verification policy a new reader is signed in at once; until they open
// the link we mailed, every page reminds them (and offers to send it again).
import { maskEmail } from "@/lib/sso/sso-status";
import { ActionButton } from "./account-sessions";

export function VerifyEmailBanner({ email }: { email: string }) {
  return (
    <aside className="verify-banner" aria-labelledby="verify-banner-text">
      <div className="container verify-banner-inner">
        <p id="verify-banner-text" className="verify-banner-text">
          Please confirm your email address: we sent a link to <strong>{maskEmail(email)}</strong>.
        </p>
        <ActionButton label="Send the link again" path="/api/account/verification/resend" describedBy="verify-banner-text" after="sent" />
      </div>
    </aside>
  );
}
