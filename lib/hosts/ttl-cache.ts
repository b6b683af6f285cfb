// A small read-through cache with a time-to-live, a size bound and single-flight loads.
// NOTE: it is per instance on purpose. It only holds data that changes rarely (which host
// belongs to which site) and every instance re-reads it after `ttlMs`, so instances can
// disagree for at most one TTL. Anything that must be in force on the next request on every
// instance (modes, sessions, revocations) is never cached here.
type Entry<V> = { value: V; expiresAt: number };

export type TtlCacheOptions = { ttlMs: number; negativeTtlMs?: number; maxEntries: number; now?: () => number };

export class TtlCache<V> {
  readonly #entries = new Map<string, Entry<V | null>>();
  readonly #loading = new Map<string, Promise<V | null>>();
  readonly #options: Required<Omit<TtlCacheOptions, "now">> & { now: () => number };

  constructor(options: TtlCacheOptions) {
    this.#options = {
      negativeTtlMs: Math.min(options.ttlMs, 1_000),
      now: Date.now,
      ...options,
    };
  }

  async get(key: string, load: (key: string) => Promise<V | null>): Promise<V | null> {
    const now = this.#options.now();
    const hit = this.#entries.get(key);
    if (hit && hit.expiresAt > now) return hit.value;

    const pending = this.#loading.get(key);
    if (pending) return pending;

    const loading = load(key)
      .then((value) => {
        this.#store(key, value);
        return value;
      })
      .finally(() => this.#loading.delete(key));
    this.#loading.set(key, loading);
    return loading;
  }

  clear(): void {
    this.#entries.clear();
  }

  get size(): number {
    return this.#entries.size;
  }

  #store(key: string, value: V | null): void {
    const { ttlMs, negativeTtlMs, maxEntries, now } = this.#options;
    const ttl = value === null ? negativeTtlMs : ttlMs;
    if (ttl <= 0) return;
    this.#entries.delete(key);
    this.#entries.set(key, { value, expiresAt: now() + ttl });
    // Map keeps insertion order: the first key is the least recently stored.
    while (this.#entries.size > maxEntries) {
      const oldest = this.#entries.keys().next().value;
      if (oldest === undefined) break;
      this.#entries.delete(oldest);
    }
  }
}
