// GET /check-email — after a registration that did not sign in. The same page whether the
// address was new (and must be confirmed) or already had an account (whose owner was mailed):
// nothing here, nor in the answer that led here, tells the two apart.
import type { Metadata } from "next";
import Link from "next/link";
import { sanitizeReturnPath } from "@/lib/sso/return-path";

export const metadata: Metadata = { title: "Check your email" };

type Props = { searchParams: Promise<{ return?: string | string[] }> };

export default async function CheckEmailPage({ searchParams }: Props) {
  const query = await searchParams;
  const returnTo = sanitizeReturnPath(typeof query.return === "string" ? query.return : "/");
  return (
    <div className="panel">
      <h1>Check your email</h1>
      <p>We sent a message to the address you entered. Open it to continue:</p>
      <ul>
        <li>for a new account, it has a link that confirms your address and signs you in;</li>
        <li>if the address already has an account here, it says how to sign in or reset your password.</li>
      </ul>
      <p className="notice">Nothing after a few minutes? Check your spam folder, or try again later — we send a few messages an hour to one address at most.</p>
      <p>
        <Link href={`/signin?return=${encodeURIComponent(returnTo)}`}>Back to sign in</Link>
      </p>
    </div>
  );
}
