import { describe, expect, it } from "vitest";
import { getContinueAsOffer } from "./continue-as-offer";
import type { SiteViewer } from "./site-viewer";

const hint = { email: "r•••@example.com" };
type Viewer = Pick<SiteViewer, "status" | "mode" | "meta">;
const known = (overrides: Partial<Viewer> & { promptDismissed?: boolean } = {}): Viewer => ({
  status: "known",
  mode: "opt_in",
  ...overrides,
  meta: { reader: {}, hint, promptDismissed: overrides.promptDismissed ?? false, ...overrides.meta },
});

describe("when to offer Continue as …", () => {
  it("offers a reader known from another site the prompt and the sign-in page under Opt In", () => {
    expect(getContinueAsOffer(known(), "prompt")).toEqual(hint);
    expect(getContinueAsOffer(known(), "sign_in_page")).toEqual(hint);
  });

  it("offers nobody who is not known from another site, and nothing without a hint to show", () => {
    for (const place of ["prompt", "sign_in_page"] as const) {
      expect(getContinueAsOffer(null, place)).toBeNull();
      expect(getContinueAsOffer(known({ status: "unknown" }), place)).toBeNull();
      expect(getContinueAsOffer(known({ status: "authenticated" }), place)).toBeNull();
      expect(getContinueAsOffer(known({ meta: { reader: {}, hint: undefined } }), place)).toBeNull();
    }
  });

  it("offers nothing where single sign-on is disabled", () => {
    expect(getContinueAsOffer(known({ mode: "disabled" }), "prompt")).toBeNull();
    expect(getContinueAsOffer(known({ mode: "disabled" }), "sign_in_page")).toBeNull();
  });

  it("Not now dismisses the prompt on this site, but the sign-in page still offers it", () => {
    expect(getContinueAsOffer(known({ promptDismissed: true }), "prompt")).toBeNull();
    expect(getContinueAsOffer(known({ promptDismissed: true }), "sign_in_page")).toEqual(hint);
  });

  it("the prompt is Opt In's alone; the sign-in page offers under Auto Login too", () => {
    expect(getContinueAsOffer(known({ mode: "auto_login" }), "prompt")).toBeNull();
    expect(getContinueAsOffer(known({ mode: "auto_login" }), "sign_in_page")).toEqual(hint);
  });
});
