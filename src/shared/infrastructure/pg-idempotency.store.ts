import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { IdempotencyBegin, IdempotencyClaim, IdempotencyStore, IdempotencyTerms, StoredResponse } from '../application/idempotency';
import { TransactionHost } from './transaction-host';

interface KeyRow {
  request_hash: string;
  status: string;
  response_status: number;
  response_body: unknown;
}

/**
 * Keys live in PostgreSQL so that every app process sees them. `begin` autocommits its claim;
 * `complete` writes through the surrounding transaction, fenced by the claim's token, so a
 * request whose lease was taken over can no longer commit its change.
 */
@Injectable()
export class PgIdempotencyStore extends IdempotencyStore {
  constructor(private readonly tx: TransactionHost) {
    super();
  }

  async begin(scope: string, key: string, terms: IdempotencyTerms): Promise<IdempotencyBegin> {
    const token = randomUUID();
    // A new key, one past its retention, or one still in progress for the same request whose
    // lease ran out (its request crashed: had it committed, the key would be completed).
    const claimed = (await this.tx.manager.query(
      `INSERT INTO idempotency_keys AS k (scope, key, request_hash, status, owner_token, locked_until, expires_at)
       VALUES ($1, $2, $3, 'in_progress', $4, now() + make_interval(secs => $5), now() + make_interval(hours => $6))
       ON CONFLICT (scope, key) DO UPDATE
          SET request_hash = EXCLUDED.request_hash, status = 'in_progress', owner_token = EXCLUDED.owner_token,
              locked_until = EXCLUDED.locked_until, expires_at = EXCLUDED.expires_at,
              response_status = NULL, response_body = NULL, created_at = now()
        WHERE k.expires_at < now()
           OR (k.status = 'in_progress' AND k.locked_until < now() AND k.request_hash = EXCLUDED.request_hash)
       RETURNING owner_token`,
      [scope, key, terms.requestHash, token, terms.leaseSeconds, terms.retentionHours],
    )) as { owner_token: string }[];
    if (claimed[0]?.owner_token === token) return { state: 'new', claim: { scope, key, token } };
    const [row] = (await this.tx.manager.query(
      `SELECT request_hash, status, response_status, response_body FROM idempotency_keys WHERE scope = $1 AND key = $2`,
      [scope, key],
    )) as KeyRow[];
    if (!row) return this.begin(scope, key, terms);
    if (row.request_hash !== terms.requestHash) return { state: 'mismatch' };
    if (row.status !== 'completed') return { state: 'in_progress' };
    return { state: 'completed', response: { status: row.response_status, body: row.response_body } };
  }

  async complete(claim: IdempotencyClaim, response: StoredResponse): Promise<boolean> {
    const [, count] = (await this.tx.manager.query(
      `UPDATE idempotency_keys SET status = 'completed', response_status = $4, response_body = $5, locked_until = NULL
        WHERE scope = $1 AND key = $2 AND owner_token = $3`,
      [claim.scope, claim.key, claim.token, response.status, JSON.stringify(response.body ?? null)],
    )) as [unknown, number];
    return count === 1;
  }

  async release(claim: IdempotencyClaim): Promise<void> {
    await this.tx.manager.query(`DELETE FROM idempotency_keys WHERE scope = $1 AND key = $2 AND owner_token = $3 AND status = 'in_progress'`, [
      claim.scope,
      claim.key,
      claim.token,
    ]);
  }

  async purgeExpired(now: Date): Promise<number> {
    const [, count] = (await this.tx.manager.query(`DELETE FROM idempotency_keys WHERE expires_at < $1`, [now])) as [unknown, number];
    return count;
  }

  async inProgress(): Promise<{ inProgress: number; pastLease: number }> {
    const [row] = (await this.tx.manager.query(
      `SELECT count(*)::int AS "inProgress", count(*) FILTER (WHERE locked_until < now())::int AS "pastLease"
         FROM idempotency_keys WHERE status = 'in_progress'`,
    )) as { inProgress: number; pastLease: number }[];
    return row;
  }
}
