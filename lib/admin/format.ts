// How the console writes times: UTC, to the minute, the same on every page and in every
// staff member's browser (audit trails are compared across time zones). Pure.
export function formatUtc(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

export function formatUtcHour(date: Date): string {
  return `${date.toISOString().slice(11, 13)}:00`;
}

/** "Chrome on Linux"-style hints are guesswork; the console shows the raw user agent, shortened. */
export function shortenUserAgent(userAgent: string | null, max = 60): string {
  if (!userAgent) return "—";
  return userAgent.length > max ? `${userAgent.slice(0, max - 1)}…` : userAgent;
}
