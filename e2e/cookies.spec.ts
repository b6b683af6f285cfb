// Cookie attributes as the browser itself stores them (design §7).
import { expect, test } from "./support/base-test";
import { hostUrl } from "./support/hosts";

test("cookies on a site and on the auth domain are host-only, HttpOnly, SameSite=Lax and Secure", async ({ page, context }) => {
  await page.goto(hostUrl("sport.localhost", "/"));
  const cookies = await context.cookies();
  const session = cookies.find((c) => c.name === "__Host-mss_session" && c.domain === "sport.localhost");
  expect(session).toMatchObject({ httpOnly: true, secure: true, sameSite: "Lax", path: "/" });
  const token = cookies.find((c) => c.name === "__Host-mss_sso");
  expect(token).toMatchObject({ domain: "auth.acme.localhost", httpOnly: true, secure: true, sameSite: "Lax", path: "/" });
  // No Domain attribute anywhere: a domain cookie is stored with a leading dot.
  expect(cookies.filter((c) => c.domain.startsWith("."))).toEqual([]);
});
