import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Actor, Role } from '../../../shared/domain/actor';
import { TransactionHost } from '../../../shared/infrastructure/transaction-host';
import { RotationResult, SessionRepository } from '../domain/session.repository.port';
import { AuthSessionOrmEntity, RefreshTokenOrmEntity } from './identity.orm-entity';

@Injectable()
export class TypeOrmSessionRepository extends SessionRepository {
  constructor(
    private readonly tx: TransactionHost,
    private readonly dataSource: DataSource,
  ) {
    super();
  }

  async start(userId: string, refreshTokenHash: string, expiresAt: Date): Promise<string> {
    const sessionId = randomUUID();
    const m = this.tx.manager;
    await m.insert(AuthSessionOrmEntity, { id: sessionId, userId, revokedAt: null, revokedReason: null });
    await m.insert(RefreshTokenOrmEntity, { id: randomUUID(), sessionId, tokenHash: refreshTokenHash, expiresAt, usedAt: null });
    return sessionId;
  }

  // Runs in its own transaction on purpose: revoking a family on reuse must commit even
  // though the caller then answers 401.
  rotate(presentedHash: string, nextHash: string, nextExpiresAt: Date): Promise<RotationResult> {
    return this.dataSource.transaction(async (m) => {
      const rows: { id: string; session_id: string; used_at: Date | null; expires_at: Date; revoked_at: Date | null; user_id: string }[] =
        await m.query(
          `SELECT t.id, t.session_id, t.used_at, t.expires_at, s.revoked_at, s.user_id
             FROM refresh_tokens t JOIN auth_sessions s ON s.id = t.session_id
            WHERE t.token_hash = $1
            FOR UPDATE OF t, s`,
          [presentedHash],
        );
      const token = rows[0];
      if (!token) return { outcome: 'unknown' };
      if (token.revoked_at) return { outcome: 'revoked' };
      if (token.used_at) {
        await m.update(AuthSessionOrmEntity, { id: token.session_id }, { revokedAt: new Date(), revokedReason: 'refresh_token_reuse' });
        return { outcome: 'reused' };
      }
      if (token.expires_at.getTime() <= Date.now()) return { outcome: 'expired' };
      await m.update(RefreshTokenOrmEntity, { id: token.id }, { usedAt: new Date() });
      await m.insert(RefreshTokenOrmEntity, {
        id: randomUUID(),
        sessionId: token.session_id,
        tokenHash: nextHash,
        expiresAt: nextExpiresAt,
        usedAt: null,
      });
      return { outcome: 'rotated', userId: token.user_id, sessionId: token.session_id };
    });
  }

  async revoke(sessionId: string, reason: string): Promise<void> {
    await this.tx.manager.query(
      `UPDATE auth_sessions SET revoked_at = now(), revoked_reason = $2 WHERE id = $1 AND revoked_at IS NULL`,
      [sessionId, reason],
    );
  }

  async revokeByRefreshToken(hash: string, userId: string, reason: string): Promise<void> {
    await this.tx.manager.query(
      `UPDATE auth_sessions s SET revoked_at = now(), revoked_reason = $3
         FROM refresh_tokens t
        WHERE t.session_id = s.id AND t.token_hash = $1 AND s.user_id = $2 AND s.revoked_at IS NULL`,
      [hash, userId, reason],
    );
  }

  async revokeAllOf(userId: string, reason: string, keepSessionId?: string): Promise<void> {
    await this.tx.manager.query(
      `UPDATE auth_sessions SET revoked_at = now(), revoked_reason = $2
        WHERE user_id = $1 AND revoked_at IS NULL AND ($3::uuid IS NULL OR id <> $3::uuid)`,
      [userId, reason, keepSessionId ?? null],
    );
  }

  async findActor(sessionId: string, userId: string): Promise<Actor | null> {
    const rows: { role: Role }[] = await this.tx.manager.query(
      `SELECT u.role FROM auth_sessions s JOIN users u ON u.id = s.user_id
        WHERE s.id = $1 AND u.id = $2 AND s.revoked_at IS NULL AND u.is_active`,
      [sessionId, userId],
    );
    return rows[0] ? { userId, sessionId, role: rows[0].role } : null;
  }
}
