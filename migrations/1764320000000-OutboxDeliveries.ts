import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Outbox relay lease and checkpoint; side effects after commit: one delivery row per (event, consumer), written in the event's
 * transaction. `seq` gives outbox events their written order (occurred_at can tie).
 */
export class OutboxDeliveries1764320000000 implements MigrationInterface {
  name = 'OutboxDeliveries1764320000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE outbox ADD COLUMN seq bigserial`);
    await q.query(`CREATE INDEX outbox_unpublished_seq_idx ON outbox (seq) WHERE published_at IS NULL`);
    await q.query(`
      CREATE TABLE outbox_deliveries (
        event_id uuid NOT NULL REFERENCES outbox(id) ON DELETE CASCADE,
        consumer text NOT NULL,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'done', 'dead')),
        attempts integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        last_error text,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (event_id, consumer)
      )`);
    await q.query(`CREATE INDEX outbox_deliveries_due_idx ON outbox_deliveries (next_attempt_at) WHERE status = 'pending'`);
    // One relay to the broker at a time (a lease any process may take over), and the broker's
    // last sequence before a batch whose outcome is not known yet (checked before sending again).
    await q.query(`
      CREATE TABLE outbox_relay (
        name text PRIMARY KEY,
        holder uuid NOT NULL,
        lease_until timestamptz NOT NULL,
        checkpoint_seq bigint
      )`);
    await q.query(`CREATE INDEX outbox_deliveries_failed_idx ON outbox_deliveries (updated_at) WHERE status = 'dead' OR (status = 'pending' AND attempts > 0)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE outbox_relay`);
    await q.query(`DROP TABLE outbox_deliveries`);
    await q.query(`DROP INDEX outbox_unpublished_seq_idx`);
    await q.query(`ALTER TABLE outbox DROP COLUMN seq`);
  }
}
