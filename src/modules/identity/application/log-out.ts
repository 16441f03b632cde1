import { Injectable } from '@nestjs/common';
import { Actor } from '../../../shared/domain/actor';
import { SessionRepository } from '../domain/session.repository.port';
import { TokenService } from './token.service';

/** Ends the caller's session: its refresh tokens and access tokens stop working at once. */
@Injectable()
export class LogOut {
  constructor(
    private readonly sessions: SessionRepository,
    private readonly tokens: TokenService,
  ) {}

  async execute(actor: Actor, refreshToken?: string): Promise<void> {
    await this.sessions.revoke(actor.sessionId, 'logout');
    if (refreshToken) {
      await this.sessions.revokeByRefreshToken(this.tokens.hashRefreshToken(refreshToken), actor.userId, 'logout');
    }
  }
}
