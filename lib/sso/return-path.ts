// Return paths (where the callback sends the browser back to) are relative, same-site paths
// only. The rule is shared with the external-site kit, which must stay dependency-free: one
// implementation, in the kit's pure rules, imported here.
export { sanitizeReturnPath } from "@/packages/sso-client/src/rules";
