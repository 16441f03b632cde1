import { createHmac, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { AppConfig } from '../../../config/config';
import { Role } from '../../../shared/domain/actor';
import { SessionRepository } from '../domain/session.repository.port';

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
}

export interface AccessClaims {
  sub: string;
  role: Role;
  sid: string;
  /** Set by the signer; required when verifying. */
  exp?: number;
  iat?: number;
}

/** Issues short-lived access JWTs and opaque refresh tokens (kept only as HMAC hashes). */
@Injectable()
export class TokenService {
  constructor(
    private readonly jwt: JwtService,
    private readonly config: AppConfig,
    private readonly sessions: SessionRepository,
  ) {}

  hashRefreshToken(token: string): string {
    return createHmac('sha256', this.config.jwt.refreshSecret).update(token).digest('hex');
  }

  newRefreshToken(): { token: string; hash: string; expiresAt: Date } {
    const token = randomBytes(32).toString('base64url');
    return {
      token,
      hash: this.hashRefreshToken(token),
      expiresAt: new Date(Date.now() + this.config.jwt.refreshTtlSeconds * 1000),
    };
  }

  async signAccess(userId: string, role: Role, sessionId: string): Promise<string> {
    const claims: AccessClaims = { sub: userId, role, sid: sessionId };
    return this.jwt.signAsync(claims);
  }

  pair(accessToken: string, refreshToken: string): TokenPair {
    return { accessToken, refreshToken, tokenType: 'Bearer', expiresIn: this.config.jwt.accessTtlSeconds };
  }

  async startSession(userId: string, role: Role): Promise<TokenPair> {
    const refresh = this.newRefreshToken();
    const sessionId = await this.sessions.start(userId, refresh.hash, refresh.expiresAt);
    return this.pair(await this.signAccess(userId, role, sessionId), refresh.token);
  }
}
