// The organisations a staff member belongs to: staff events are shown to each of them (an
// attack on their staff is their business), as the password sign-in does.
import { db } from "@/lib/db/client";

export async function staffOrgIds(staffId: string): Promise<(string | null)[]> {
  const memberships = await db.staffMembership.findMany({ where: { staffId }, select: { orgId: true } });
  return memberships.length > 0 ? memberships.map((m) => m.orgId) : [null];
}
