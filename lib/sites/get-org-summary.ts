import { cache } from "react";
import { z } from "zod";
import { db } from "@/lib/db/client";

export const getOrgSummary = cache(async (orgId: string) => {
  if (!z.uuid().safeParse(orgId).success) return null;
  return db.organization.findUnique({ where: { id: orgId }, select: { id: true, name: true, slug: true, authHost: true } });
});
