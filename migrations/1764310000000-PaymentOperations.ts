import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Payments as a recorded process: every provider call (a confirmation, a refund) is first a row
 * with the idempotency key sent to the provider, settled once the provider's answer is known.
 * `processing` = a confirmation was sent and its answer is not recorded yet. Refunds requested
 * and not yet made are reserved on the payment (amount_refund_pending).
 * test_provider_ledger is the built-in test provider's own memory (what each key did), which a
 * real provider keeps on its side.
 */
export class PaymentOperations1764310000000 implements MigrationInterface {
  name = 'PaymentOperations1764310000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE payments DROP CONSTRAINT payments_status_check`);
    await q.query(
      `ALTER TABLE payments ADD CONSTRAINT payments_status_check
         CHECK (status IN ('requires_confirmation', 'processing', 'requires_action', 'succeeded', 'failed', 'refunded'))`,
    );
    await q.query(`ALTER TABLE payments ADD COLUMN amount_refund_pending bigint NOT NULL DEFAULT 0 CHECK (amount_refund_pending >= 0)`);
    await q.query(`ALTER TABLE payments ADD CONSTRAINT payments_refunds_within_amount CHECK (amount_refunded + amount_refund_pending <= amount)`);
    await q.query(`DROP INDEX payments_one_open_per_order`);
    await q.query(`CREATE UNIQUE INDEX payments_one_open_per_order ON payments (order_id) WHERE status IN ('requires_confirmation', 'processing', 'requires_action')`);
    // While a confirmation is with the provider its order's total must not change.
    await q.query(`ALTER TABLE orders ADD COLUMN payment_hold boolean NOT NULL DEFAULT false`);
    await q.query(`
      CREATE TABLE payment_operations (
        id uuid PRIMARY KEY,
        payment_id uuid NOT NULL REFERENCES payments(id),
        kind text NOT NULL CHECK (kind IN ('confirm', 'refund')),
        provider_key text NOT NULL UNIQUE,
        amount bigint NOT NULL CHECK (amount > 0),
        payment_method text,
        reason text,
        actor_id uuid,
        request_ref text UNIQUE,
        status text NOT NULL CHECK (status IN ('pending', 'succeeded', 'failed', 'requires_action')),
        provider_ref text,
        failure_reason text,
        attempts integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        created_at timestamptz NOT NULL DEFAULT now(),
        settled_at timestamptz
      )`);
    await q.query(`CREATE INDEX payment_operations_payment_idx ON payment_operations (payment_id)`);
    await q.query(`CREATE INDEX payment_operations_due_idx ON payment_operations (next_attempt_at) WHERE status = 'pending'`);
    await q.query(`
      CREATE TABLE test_provider_ledger (
        idempotency_key text PRIMARY KEY,
        provider_payment_id text NOT NULL,
        record jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE test_provider_ledger`);
    await q.query(`DROP TABLE payment_operations`);
    await q.query(`ALTER TABLE orders DROP COLUMN payment_hold`);
    await q.query(`DROP INDEX payments_one_open_per_order`);
    await q.query(`CREATE UNIQUE INDEX payments_one_open_per_order ON payments (order_id) WHERE status IN ('requires_confirmation', 'requires_action')`);
    await q.query(`ALTER TABLE payments DROP CONSTRAINT payments_refunds_within_amount`);
    await q.query(`ALTER TABLE payments DROP COLUMN amount_refund_pending`);
    await q.query(`ALTER TABLE payments DROP CONSTRAINT payments_status_check`);
    await q.query(
      `ALTER TABLE payments ADD CONSTRAINT payments_status_check
         CHECK (status IN ('requires_confirmation', 'requires_action', 'succeeded', 'failed', 'refunded'))`,
    );
  }
}
