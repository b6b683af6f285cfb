// Who is acting, when it is not a staff member: an API token (lib/admin/api-tokens.ts). The
// admin API's handlers pass `actorStaffId` down to the audited change as they always have;
// the route wrapper (app/_lib/org-route.ts) runs a bearer request inside runAsApiToken(), and
// recordAuditEvent() then records the TOKEN as the actor (actor_api_token_id) and no staff
// member. One place decides, so no handler can forget to.
import { AsyncLocalStorage } from "node:async_hooks";

const storage = new AsyncLocalStorage<{ apiTokenId: string }>();

export function runAsApiToken<T>(apiTokenId: string, work: () => Promise<T>): Promise<T> {
  return storage.run({ apiTokenId }, work);
}

/** The API token this request authenticated with, or null (a staff session, a reader, a job). */
export function currentApiTokenActor(): string | null {
  return storage.getStore()?.apiTokenId ?? null;
}
