// GET /register — create a reader account (through next-auth's `register` provider).
import type { Metadata } from "next";
import Link from "next/link";
import { CredentialsForm } from "@/components/site/credentials-form";
import { sanitizeReturnPath } from "@/lib/sso/return-path";
import { getSiteViewer } from "@/lib/sso/get-site-viewer";
import { redirectToHostedPage } from "@/lib/sso/hosted-page-redirect";

export const metadata: Metadata = { title: "Create an account" };

type Props = { searchParams: Promise<{ return?: string | string[]; here?: string | string[] }> };

export default async function RegisterPage({ searchParams }: Props) {
  const query = await searchParams;
  const returnTo = sanitizeReturnPath(typeof query.return === "string" ? query.return : "/");
  await redirectToHostedPage(await getSiteViewer(), "register", returnTo, query.here);
  return (
    <div className="panel">
      <h1>Create an account</h1>
      <CredentialsForm kind="register" returnTo={returnTo} />
      <p className="notice">
        Already registered? <Link href={`/signin?return=${encodeURIComponent(returnTo)}`}>Sign in</Link>
      </p>
    </div>
  );
}
