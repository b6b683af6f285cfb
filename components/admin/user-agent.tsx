// A browser as the console shows it: the same description the reader's account page gives
// ("Chrome on Linux", lib/account/list-reader-sessions.ts — one rule, one place), with the raw
// user agent on hover and, for keyboard and touch, one click away. Presentational.
import { describeUserAgent } from "@/lib/account/list-reader-sessions";

export function UserAgent({ userAgent }: { userAgent: string | null }) {
  const description = describeUserAgent(userAgent);
  if (!userAgent) return <>{description}</>;
  return (
    <details className="admin-user-agent">
      <summary title={userAgent}>{description}</summary>
      <code className="admin-break-anywhere">{userAgent}</code>
    </details>
  );
}
