import { Actor } from '../../../shared/domain/actor';
import { NotifiedCache } from '../../../shared/infrastructure/notified-cache';

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
  private readonly sessions: NotifiedCache<Actor>;

  constructor(ttlMs: number, maxEntries: number, now: () => number = Date.now) {
    this.sessions = new NotifiedCache(ttlMs, maxEntries, now);
  }

  get enabled(): boolean {
    return this.sessions.enabled;
  }

  /** Called by the listener: true once LISTEN is in place, false when its connection is lost. */
  setLive(live: boolean): void {
    this.sessions.setLive(live);
  }

  get(sessionId: string, userId: string): Actor | undefined {
    const actor = this.sessions.get(sessionId);
    if (actor?.userId === userId) return actor;
    if (actor) this.sessions.forget(sessionId);
    return undefined;
  }

  /** Runs `load` and remembers its actor unless an invalidation arrived meanwhile. */
  remember(sessionId: string, load: () => Promise<Actor | null>): Promise<Actor | null> {
    return this.sessions.remember(load, (actor) => (actor ? [[sessionId, actor]] : []));
  }

  forgetSession(sessionId: string): void {
    this.sessions.forget(sessionId);
  }

  forgetUser(userId: string): void {
    this.sessions.forgetWhere((actor) => actor.userId === userId);
  }

  clear(): void {
    this.sessions.clear();
  }

  /** A NOTIFY payload of the auth_changes channel: `session:<id>` or `user:<id>`; anything else clears all. */
  apply(payload: string): void {
    const [kind, id] = payload.split(':');
    if (kind === 'session' && id) this.forgetSession(id);
    else if (kind === 'user' && id) this.forgetUser(id);
    else this.clear();
  }
}
