import { createSecretKey } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { AppConfig } from '../../../config/config';
import { Actor } from '../../../shared/domain/actor';
import { UnauthenticatedError } from '../../../shared/domain/domain-error';
import type { AccessClaims } from '../application/token.service';
import { SessionRepository } from '../domain/session.repository.port';
import { ActorCache } from './actor-cache';
import { VerifiedClaims, VerifiedTokens } from './verified-tokens';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const bearerToken = ExtractJwt.fromAuthHeaderAsBearerToken();

/** What passport gives `authenticate`'s `this`: the strategy, with the outcome callbacks of one request. */
interface Attempt {
  success(user: Actor): void;
  error(err: unknown): void;
}

/**
 * Verifies the access JWT (HS256 only, so `alg: none` and key-confusion tokens fail), then
 * checks that the session is still open and the user still active: logout and deactivation take
 * effect immediately, and the role is always the current one. The answer comes from the
 * process's ActorCache when it has it (invalidated by LISTEN/NOTIFY), else from the database.
 * A token verified before (VerifiedTokens, until its `exp`) skips the verification, never that
 * check.
 */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(
    config: AppConfig,
    private readonly sessions: SessionRepository,
    private readonly cache: ActorCache,
    private readonly verified: VerifiedTokens,
  ) {
    super({
      jwtFromRequest: bearerToken,
      // A prepared KeyObject (accepted by jsonwebtoken at run time, not by passport-jwt's types):
      // given a string, jsonwebtoken tries it as a PEM key on every request first (~0.4 ms each).
      secretOrKey: createSecretKey(Buffer.from(config.jwt.accessSecret)) as unknown as Buffer,
      algorithms: ['HS256'],
      issuer: config.jwt.issuer,
      ignoreExpiration: false,
      passReqToCallback: true,
    });
  }

  /** passport-jwt's, unless the bearer token was verified before: then straight to `validate`'s session check. */
  override authenticate(req: Parameters<Strategy['authenticate']>[0], options?: object): void {
    const token = bearerToken(req);
    const claims = token ? this.verified.get(token) : undefined;
    if (!claims) return super.authenticate(req, options);
    const attempt = this as unknown as Attempt;
    this.actorOf(claims).then(
      (actor) => attempt.success(actor),
      (err: unknown) => attempt.error(err),
    );
  }

  /** Called by passport-jwt with the claims of a token it has just verified. */
  async validate(req: Parameters<Strategy['authenticate']>[0], claims: AccessClaims): Promise<Actor> {
    if (!UUID.test(String(claims?.sub)) || !UUID.test(String(claims?.sid))) {
      throw new UnauthenticatedError('The access token is malformed');
    }
    // jsonwebtoken checks `exp` only when present: a token without one would never expire.
    if (typeof claims.exp !== 'number' || typeof claims.iat !== 'number') {
      throw new UnauthenticatedError('The access token must carry exp and iat', 'auth.token_claims_missing');
    }
    const verified = claims as VerifiedClaims;
    const token = bearerToken(req);
    if (token) this.verified.remember(token, verified);
    return this.actorOf(verified);
  }

  /** Whether the session is still open and its user active: asked on every request. */
  private async actorOf(claims: VerifiedClaims): Promise<Actor> {
    const actor = this.cache.get(claims.sid, claims.sub) ?? (await this.cache.remember(claims.sid, () => this.sessions.findActor(claims.sid, claims.sub)));
    if (!actor) throw new UnauthenticatedError('The session has ended or the account is deactivated', 'auth.session_inactive');
    return actor;
  }
}
