// Zephr's documented request examples (its Public API reference, version 2025-07-30:
// https://developer.zuora.com/zephr-api-reference/zephr-public-api/), replayed against the
// Zephr-compatible paths of a site — by the contract test, which checks each answer's status and
// body against the API document. One step per documented example, in the order a front end
// would send them, plus the documented error answers.
import { TestBrowser } from "./browser";
import { createTestOrg } from "./factory";
import { siteUrl } from "./flows";
import { rawRequest, visit } from "./scenarios";

type Answer = { status: number; headers: Record<string, unknown>; body: string };
export type ExpectDocumented = (operationId: string, response: Answer) => Promise<void>;

export async function replayZephrExamples(expectDocumented: ExpectDocumented): Promise<void> {
  const org = await createTestOrg({ mode: "opt_in", sites: ["news", "sport"] });
  const news = org.site("news").host;
  const browser = new TestBrowser();
  await visit(browser, news);

  // retrieveSSOStatus: `curl -X GET …/zephr/public/sso/v1/status -b blaize_session=…`
  await expectDocumented("zephrRetrieveSsoStatus", await browser.request(siteUrl(news, "/zephr/public/sso/v1/status")));
  await expectDocumented("zephrRetrieveSsoStatus", await rawRequest({ host: "unknown-site.localhost", path: "/zephr/public/sso/v1/status" }));
}
