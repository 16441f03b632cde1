import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { IdempotencyBegin, IdempotencyStore, StoredResponse } from '../application/idempotency';

/** Keys live in PostgreSQL so that every app process sees them; each call autocommits. */
@Injectable()
export class PgIdempotencyStore extends IdempotencyStore {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async begin(scope: string, key: string, requestHash: string, expiresAt: Date): Promise<IdempotencyBegin> {
    const q = (sql: string, params: unknown[]) => this.dataSource.query(sql, params);
    await q(`DELETE FROM idempotency_keys WHERE scope = $1 AND key = $2 AND expires_at < now()`, [scope, key]);
    const inserted = (await q(
      `INSERT INTO idempotency_keys (scope, key, request_hash, status, expires_at) VALUES ($1, $2, $3, 'in_progress', $4)
       ON CONFLICT (scope, key) DO NOTHING RETURNING key`,
      [scope, key, requestHash, expiresAt],
    )) as unknown[];
    if (inserted.length) return { state: 'new' };
    const [row] = (await q(`SELECT request_hash, status, response_status, response_body FROM idempotency_keys WHERE scope = $1 AND key = $2`, [
      scope,
      key,
    ])) as { request_hash: string; status: string; response_status: number; response_body: unknown }[];
    if (!row) return this.begin(scope, key, requestHash, expiresAt);
    if (row.request_hash !== requestHash) return { state: 'mismatch' };
    if (row.status !== 'completed') return { state: 'in_progress' };
    return { state: 'completed', response: { status: row.response_status, body: row.response_body } };
  }

  async complete(scope: string, key: string, response: StoredResponse): Promise<void> {
    await this.dataSource.query(
      `UPDATE idempotency_keys SET status = 'completed', response_status = $3, response_body = $4 WHERE scope = $1 AND key = $2`,
      [scope, key, response.status, JSON.stringify(response.body ?? null)],
    );
  }

  async abandon(scope: string, key: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM idempotency_keys WHERE scope = $1 AND key = $2 AND status = 'in_progress'`, [scope, key]);
  }

  async purgeExpired(now: Date): Promise<number> {
    const [, count] = (await this.dataSource.query(`DELETE FROM idempotency_keys WHERE expires_at < $1`, [now])) as [unknown, number];
    return count;
  }
}
