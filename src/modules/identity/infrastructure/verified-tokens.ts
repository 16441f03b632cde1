import { LRUCache } from 'lru-cache';
import type { AccessClaims } from '../application/token.service';

/** Claims whose signature, algorithm, issuer and shape were checked, with the `exp` and `iat` they must carry. */
export type VerifiedClaims = AccessClaims & { exp: number; iat: number };

/**
 * Access tokens this process has already verified (signature, algorithm, issuer, claims), by
 * their exact text, so that a bearer seen again skips the HMAC and the decoding (~70 us a
 * request). Only the cryptographic answer is remembered: whether the session is still open and
 * the user still active is asked on every request (ActorCache, invalidated by LISTEN/NOTIFY).
 * An entry is answered only while `Date.now()` is before the token's `exp`, the moment
 * jsonwebtoken would start refusing it, and is dropped then; past `max` entries the least
 * recently used go. (No lru-cache TTL: its clock sets a timer on every read, ~10 us, and the
 * check against `exp` is needed anyway.)
 */
export class VerifiedTokens {
  private readonly tokens: LRUCache<string, VerifiedClaims>;

  constructor(
    maxEntries: number,
    private readonly now: () => number = Date.now,
  ) {
    this.tokens = new LRUCache({ max: Math.max(1, maxEntries) });
  }

  get(token: string): VerifiedClaims | undefined {
    const claims = this.tokens.get(token);
    if (!claims) return undefined;
    if (this.now() < claims.exp * 1000) return claims;
    this.tokens.delete(token);
    return undefined;
  }

  remember(token: string, claims: VerifiedClaims): void {
    if (this.now() < claims.exp * 1000) this.tokens.set(token, claims);
  }

  get size(): number {
    return this.tokens.size;
  }
}
