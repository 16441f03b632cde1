import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An in-progress Idempotency-Key is held by one request (owner_token) for a lease (locked_until).
 * After a crash the lease runs out and a retry takes the key over; the first request's stored
 * response is written in its business transaction only while it still owns the key.
 */
export class IdempotencyLease1764300400000 implements MigrationInterface {
  name = 'IdempotencyLease1764300400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE idempotency_keys ADD COLUMN owner_token uuid, ADD COLUMN locked_until timestamptz`);
    // Keys left in progress by the old code have no owner: their lease is over at once.
    await q.query(`UPDATE idempotency_keys SET locked_until = now() WHERE status = 'in_progress'`);
    await q.query(`CREATE INDEX idempotency_keys_in_progress_idx ON idempotency_keys (locked_until) WHERE status = 'in_progress'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX idempotency_keys_in_progress_idx`);
    await q.query(`ALTER TABLE idempotency_keys DROP COLUMN owner_token, DROP COLUMN locked_until`);
  }
}
