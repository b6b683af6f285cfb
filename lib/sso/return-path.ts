// Return paths (where the callback sends the browser back to) are relative, same-site paths
// only. Anything else becomes "/": no open redirect through any parameter.
const MAX_RETURN_PATH = 2048;

export function sanitizeReturnPath(candidate: string | null | undefined): string {
  if (!candidate || candidate.length > MAX_RETURN_PATH) return "/";
  // Exactly one leading slash: "//evil.example" and "/\evil.example" are protocol-relative to browsers.
  if (!candidate.startsWith("/") || candidate.startsWith("//") || candidate.startsWith("/\\")) return "/";
  // Control characters and backslashes are never part of our own paths, and browsers treat "\" as "/".
  if (/[\u0000-\u001f\u007f\\]/.test(candidate)) return "/";
  try {
    // Resolve against a placeholder origin: the result must stay on it.
    const resolved = new URL(candidate, "http://return.invalid");
    if (resolved.origin !== "http://return.invalid") return "/";
    return `${resolved.pathname}${resolved.search}${resolved.hash}`;
  } catch {
    return "/";
  }
}
