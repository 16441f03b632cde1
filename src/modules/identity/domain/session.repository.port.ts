import { Actor } from '../../../shared/domain/actor';

export type RotationResult =
  | { outcome: 'rotated'; userId: string; sessionId: string }
  | { outcome: 'unknown' | 'expired' | 'revoked' | 'reused' };

/** Login sessions ("token families") and their refresh tokens, stored only as hashes. */
export abstract class SessionRepository {
  abstract start(userId: string, refreshTokenHash: string, expiresAt: Date): Promise<string>;
  /**
   * Consumes a refresh token and stores its successor atomically. Presenting a token that was
   * already rotated revokes the whole session: someone is replaying a stolen token.
   */
  abstract rotate(presentedHash: string, nextHash: string, nextExpiresAt: Date): Promise<RotationResult>;
  abstract revoke(sessionId: string, reason: string): Promise<void>;
  abstract revokeByRefreshToken(hash: string, userId: string, reason: string): Promise<void>;
  /** Ends every open session of the user (but `keepSessionId`), for good: a revoked session never reopens. */
  abstract revokeAllOf(userId: string, reason: string, keepSessionId?: string): Promise<void>;
  /** The caller as of now: null when the session was revoked or the user deactivated. */
  abstract findActor(sessionId: string, userId: string): Promise<Actor | null>;
}
