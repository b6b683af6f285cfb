// The pure rules that the multisite-sso app and this kit must apply identically. The app imports
// them from here (lib/sso/return-path.ts), so there is one implementation: a copy kept in the kit
// once drifted into an open redirect ("/.//evil.example" came back as "//evil.example").
// No dependencies: only URL and RegExp.

const MAX_RETURN_PATH = 2048;

/**
 * A relative path on your own site, or "/": never a URL that leaves it (no open redirect).
 * Return paths are where the callback sends the browser back to.
 */
export function sanitizeReturnPath(candidate: string | null | undefined): string {
  if (!candidate || candidate.length > MAX_RETURN_PATH) return "/";
  // Exactly one leading slash: "//evil.example" and "/\evil.example" are protocol-relative to browsers.
  if (!isSingleSlashPath(candidate)) return "/";
  // Control characters and backslashes are never part of our own paths, and browsers treat "\" as "/".
  if (/[\u0000-\u001f\u007f\\]/.test(candidate)) return "/";
  try {
    // Resolve against a placeholder origin: the result must stay on it.
    const resolved = new URL(candidate, "http://return.invalid");
    if (resolved.origin !== "http://return.invalid") return "/";
    const path = `${resolved.pathname}${resolved.search}${resolved.hash}`;
    // Resolving removes dot segments: "/.//evil.example" becomes "//evil.example". Check the result too.
    return isSingleSlashPath(path) ? path : "/";
  } catch {
    return "/";
  }
}

function isSingleSlashPath(path: string): boolean {
  return path.startsWith("/") && !path.startsWith("//") && !path.startsWith("/\\");
}
