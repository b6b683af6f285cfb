// How the console writes times: UTC, to the minute, the same on every page and in every
// staff member's browser (audit trails are compared across time zones). Pure.
export function formatUtc(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

export function formatUtcHour(date: Date): string {
  return `${date.toISOString().slice(11, 13)}:00`;
}
