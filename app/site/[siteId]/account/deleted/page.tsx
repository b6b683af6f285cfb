// GET /account/deleted — where a reader lands once their account is deleted.
import type { Metadata } from "next";
import Link from "next/link";

export const metadata: Metadata = { title: "Your account was deleted" };

export default function AccountDeletedPage() {
  return (
    <div className="panel">
      <h1>Your account was deleted</h1>
      <p role="status">You are signed out everywhere, and your profile is erased. You can register again with the same address at any time.</p>
      <p className="notice">
        <Link href="/">Back to the front page</Link>
      </p>
    </div>
  );
}
