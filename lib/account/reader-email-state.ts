// The account page's view of the reader's address: which one, and whether it is confirmed.
import { db } from "@/lib/db/client";

export async function getReaderEmailState(options: { orgId: string; readerId: string }): Promise<{ email: string; verified: boolean } | null> {
  const reader = await db.reader.findFirst({ where: { id: options.readerId, orgId: options.orgId }, select: { email: true, emailVerifiedAt: true } });
  return reader ? { email: reader.email, verified: reader.emailVerifiedAt !== null } : null;
}
