/**
 * An in-process cache that is trusted only while a PgNotificationListener is listening for the
 * changes that invalidate it: while the listener is down it is empty and unused (`enabled` is
 * false). Entries also expire after a TTL, a safety net only. A value loaded before an
 * invalidation arrived is answered but not stored (the epoch check), so no stale entry outlives
 * the notification.
 */
export class NotifiedCache<V> {
  private readonly entries = new Map<string, { value: V; expiresAt: number }>();
  private epoch = 0;
  private live = false;

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries: number,
    private readonly now: () => number = Date.now,
  ) {}

  get enabled(): boolean {
    return this.live && this.ttlMs > 0;
  }

  /** Called by the listener: true once LISTEN is in place, false when its connection is lost. */
  setLive(live: boolean): void {
    this.clear();
    this.live = live;
  }

  clear(): void {
    this.epoch++;
    this.entries.clear();
  }

  /** Drops one entry (a notification about it). */
  forget(key: string): void {
    this.epoch++;
    this.entries.delete(key);
  }

  /** Drops the entries whose value `matches` (a notification about several). */
  forgetWhere(matches: (value: V) => boolean): void {
    this.epoch++;
    for (const [key, entry] of this.entries) if (matches(entry.value)) this.entries.delete(key);
  }

  /** The live entry of `key`, if any (an expired one is dropped). */
  get(key: string): V | undefined {
    if (!this.enabled) return undefined;
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt > this.now()) return entry.value;
    this.entries.delete(key);
    return undefined;
  }

  /** Runs `load` and stores what `keep` returns of it, unless an invalidation arrived meanwhile. */
  async remember<T>(load: () => Promise<T>, keep: (result: T) => [string, V][]): Promise<T> {
    const epoch = this.epoch;
    const result = await load();
    if (this.enabled && epoch === this.epoch) {
      for (const [key, value] of keep(result)) {
        if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
        this.entries.set(key, { value, expiresAt: this.now() + this.ttlMs });
      }
    }
    return result;
  }
}
