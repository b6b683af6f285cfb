// The console's 404 (HTTP status 404): in the frame of the staff member's organisation when
// signed in (lib/admin/not-found-frame.ts picks which, so a foreign organisation and a missing
// one look the same), otherwise the plain console page with a way to sign in.
import type { Metadata } from "next";
import { headers } from "next/headers";
import { AdminShell } from "@/components/admin/admin-shell";
import { AdminPlainPage } from "@/components/admin/admin-plain-page";
import { NOT_FOUND_TITLE, NotFoundMessage } from "@/components/admin/not-found-message";
import { getStaffSession } from "@/lib/admin/current-staff";
import { pickNotFoundFrame } from "@/lib/admin/not-found-frame";
import { readRequestAnnotations } from "@/lib/observability/request-context";

export const metadata: Metadata = { title: NOT_FOUND_TITLE };

export default async function AdminNotFound() {
  const [session, requestHeaders] = await Promise.all([getStaffSession(), headers()]);
  // A session still owing its second factor sees no organisation's frame.
  const frame = session.staff && session.secondFactor === null ? pickNotFoundFrame({ memberships: session.memberships, publicPath: readRequestAnnotations(requestHeaders, "/").publicPath }) : null;
  if (session.staff && frame) {
    return (
      <AdminShell org={frame} role={frame.role} staff={session.staff} memberships={session.memberships} current={null}>
        <title>{NOT_FOUND_TITLE}</title>
        <NotFoundMessage homeHref={`/orgs/${frame.slug}/identity/settings`} homeLabel={`Go to ${frame.name}'s settings`} />
      </AdminShell>
    );
  }
  return (
    <AdminPlainPage>
      <title>{NOT_FOUND_TITLE}</title>
      <div className="panel">
        <NotFoundMessage homeHref="/" homeLabel={session.staff ? "Go to the console's start page" : "Sign in to the console"} />
      </div>
    </AdminPlainPage>
  );
}
