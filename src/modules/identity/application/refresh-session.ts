import { Injectable } from '@nestjs/common';
import { UnauthenticatedError } from '../../../shared/domain/domain-error';
import { SessionRepository } from '../domain/session.repository.port';
import { UserRepository } from '../domain/user.repository.port';
import { TokenPair, TokenService } from './token.service';

const REASONS: Record<string, string> = {
  unknown: 'The refresh token is not valid',
  expired: 'The refresh token has expired',
  revoked: 'The session has ended; sign in again',
  reused: 'The refresh token was already used; the session has been revoked for safety',
};

/** Trades a refresh token for a new pair (rotation); reuse of an old one ends the session. */
@Injectable()
export class RefreshSession {
  constructor(
    private readonly sessions: SessionRepository,
    private readonly users: UserRepository,
    private readonly tokens: TokenService,
  ) {}

  async execute(refreshToken: string): Promise<TokenPair> {
    const next = this.tokens.newRefreshToken();
    const result = await this.sessions.rotate(this.tokens.hashRefreshToken(refreshToken), next.hash, next.expiresAt);
    if (result.outcome !== 'rotated') {
      throw new UnauthenticatedError(REASONS[result.outcome], `auth.refresh_${result.outcome}`);
    }
    const user = await this.users.findById(result.userId);
    if (!user?.isActive) {
      await this.sessions.revoke(result.sessionId, 'user_deactivated');
      throw new UnauthenticatedError('This account has been deactivated', 'auth.account_deactivated');
    }
    return this.tokens.pair(await this.tokens.signAccess(user.id, user.role, result.sessionId), next.token);
  }
}
