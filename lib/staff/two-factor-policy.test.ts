import { describe, expect, it } from "vitest";
import { policyRequiresSecondFactor, secondFactorStep } from "./two-factor-policy";

describe("two-factor policy", () => {
  it("a staff member with an authenticator must type a code after the password, whether or not the organisation requires it", () => {
    expect(secondFactorStep({ enrolled: true, required: false, verifiedThisSession: false })).toBe("verify");
    expect(secondFactorStep({ enrolled: true, required: true, verifiedThisSession: false })).toBe("verify");
    expect(secondFactorStep({ enrolled: true, required: true, verifiedThisSession: true })).toBeNull();
  });

  it("staff whose organisation requires a second factor and who have none are sent to enrolment", () => {
    expect(secondFactorStep({ enrolled: false, required: true, verifiedThisSession: false })).toBe("enrol");
    expect(secondFactorStep({ enrolled: false, required: false, verifiedThisSession: false })).toBeNull();
  });

  it("'owners' asks owners only; 'everyone' asks every role; 'off' asks no one", () => {
    expect(policyRequiresSecondFactor("owners", "owner")).toBe(true);
    expect(policyRequiresSecondFactor("owners", "admin")).toBe(false);
    expect(policyRequiresSecondFactor("everyone", "viewer")).toBe(true);
    expect(policyRequiresSecondFactor("off", "owner")).toBe(false);
  });
});
