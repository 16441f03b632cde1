import { Actor } from '../../../shared/domain/actor';

interface Entry {
  actor: Actor;
  expiresAt: number;
}

/**
 * Who holds an open session, remembered in this process so that an authenticated request needs
 * no database round trip. It is only trusted while `AuthChangeListener` is listening: triggers
 * on `auth_sessions` and `users` NOTIFY every change (logout, revocation, deactivation, role or
 * password change) and the listener drops the affected entries, in every process, as the change
 * commits. While the listener is disconnected the cache is empty and unused, and it is cleared
 * again when the listener reconnects (notifications sent in between are lost). Entries also
 * expire after a short TTL, a safety net only.
 *
 * A lookup that started before an invalidation may return the state before it; such a result is
 * answered but not stored (the epoch check), so no stale entry outlives the notification.
 */
export class ActorCache {
  private readonly entries = new Map<string, Entry>();
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

  get(sessionId: string, userId: string): Actor | undefined {
    if (!this.enabled) return undefined;
    const entry = this.entries.get(sessionId);
    if (!entry) return undefined;
    if (entry.expiresAt <= this.now() || entry.actor.userId !== userId) {
      this.entries.delete(sessionId);
      return undefined;
    }
    return entry.actor;
  }

  /** Runs `load` and remembers its actor unless an invalidation arrived meanwhile. */
  async remember(sessionId: string, load: () => Promise<Actor | null>): Promise<Actor | null> {
    const epoch = this.epoch;
    const actor = await load();
    if (actor && this.enabled && epoch === this.epoch) {
      if (this.entries.size >= this.maxEntries)
        this.entries.delete(this.entries.keys().next().value as string);
      this.entries.set(sessionId, { actor, expiresAt: this.now() + this.ttlMs });
    }
    return actor;
  }

  forgetSession(sessionId: string): void {
    this.epoch++;
    this.entries.delete(sessionId);
  }

  forgetUser(userId: string): void {
    this.epoch++;
    for (const [sessionId, entry] of this.entries)
      if (entry.actor.userId === userId) this.entries.delete(sessionId);
  }

  clear(): void {
    this.epoch++;
    this.entries.clear();
  }

  /** A NOTIFY payload of the auth_changes channel: `session:<id>` or `user:<id>`; anything else clears all. */
  apply(payload: string): void {
    const [kind, id] = payload.split(':');
    if (kind === 'session' && id) this.forgetSession(id);
    else if (kind === 'user' && id) this.forgetUser(id);
    else this.clear();
  }
}
