// JSON that Postgres jsonb can store and that cannot exhaust a validator's stack: bounded
// depth, no NUL characters and no lone UTF-16 surrogates (jsonb refuses both). Also no key named
// "__proto__": JavaScript drops it or turns it into a prototype when the object is copied (our own
// validation would store something else than was sent), and any consumer that merges the stored
// object into another would have its prototype polluted.
const MAX_DEPTH = 32;

export function findUnstorableJson(value: unknown, depth = 0): string | null {
  if (depth > MAX_DEPTH) return `nested deeper than ${MAX_DEPTH} levels`;
  if (typeof value === "string") return isStorableString(value) ? null : "contains a NUL character or an unpaired surrogate";
  if (typeof value === "number") return Number.isFinite(value) ? null : "contains a number out of range";
  if (value === null || typeof value === "boolean") return null;
  if (Array.isArray(value)) {
    for (const item of value) {
      const problem = findUnstorableJson(item, depth + 1);
      if (problem) return problem;
    }
    return null;
  }
  if (typeof value === "object") {
    for (const [key, item] of Object.entries(value)) {
      if (!isStorableString(key)) return "a key contains a NUL character or an unpaired surrogate";
      if (key === "__proto__") return "has a key named __proto__";
      const problem = findUnstorableJson(item, depth + 1);
      if (problem) return problem;
    }
    return null;
  }
  return "is not JSON";
}

function isStorableString(text: string): boolean {
  return !text.includes("\u0000") && text.isWellFormed();
}
