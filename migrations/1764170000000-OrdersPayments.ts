import { MigrationInterface, QueryRunner } from 'typeorm';

/** Orders with their lines and status history, payments, refunds, webhook dedupe, idempotency keys. */
export class OrdersPayments1764170000000 implements MigrationInterface {
  name = 'OrdersPayments1764170000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE SEQUENCE order_number_seq START WITH 100001`);
    await q.query(`
      CREATE TABLE orders (
        id uuid PRIMARY KEY,
        number bigint NOT NULL UNIQUE,
        user_id uuid REFERENCES users(id),
        guest_email text,
        access_token_hash text,
        status text NOT NULL CHECK (status IN ('pending', 'paid', 'processing', 'shipped', 'delivered', 'completed', 'cancelled', 'refunded')),
        currency text NOT NULL,
        subtotal bigint NOT NULL CHECK (subtotal >= 0),
        discount jsonb,
        discount_amount bigint NOT NULL DEFAULT 0 CHECK (discount_amount >= 0),
        total bigint NOT NULL CHECK (total >= 0),
        shipping_address jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT orders_has_customer CHECK (user_id IS NOT NULL OR guest_email IS NOT NULL),
        CONSTRAINT orders_total_adds_up CHECK (total = subtotal - discount_amount)
      )`);
    await q.query(`CREATE INDEX orders_user_idx ON orders (user_id, created_at DESC)`);
    await q.query(`CREATE INDEX orders_status_idx ON orders (status, created_at)`);
    await q.query(`
      CREATE TABLE order_items (
        id uuid PRIMARY KEY,
        order_id uuid NOT NULL REFERENCES orders(id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN ('product', 'service')),
        product_id uuid REFERENCES products(id),
        service_id uuid REFERENCES services(id),
        name text NOT NULL,
        unit_price integer NOT NULL CHECK (unit_price >= 0),
        quantity integer NOT NULL CHECK (quantity BETWEEN 1 AND 99),
        line_total bigint NOT NULL CHECK (line_total = unit_price::bigint * quantity),
        position integer NOT NULL,
        CONSTRAINT order_items_one_item CHECK ((kind = 'product' AND product_id IS NOT NULL AND service_id IS NULL)
                                            OR (kind = 'service' AND service_id IS NOT NULL AND product_id IS NULL))
      )`);
    await q.query(`CREATE INDEX order_items_order_idx ON order_items (order_id, position)`);
    await q.query(`CREATE INDEX order_items_product_idx ON order_items (product_id) WHERE product_id IS NOT NULL`);
    await q.query(`
      CREATE TABLE order_status_history (
        id uuid PRIMARY KEY,
        order_id uuid NOT NULL REFERENCES orders(id) ON DELETE CASCADE,
        from_status text,
        to_status text NOT NULL,
        at timestamptz NOT NULL,
        actor_id uuid,
        actor_role text NOT NULL,
        note text
      )`);
    await q.query(`CREATE INDEX order_status_history_order_idx ON order_status_history (order_id, at)`);
    await q.query(`
      CREATE TABLE payments (
        id uuid PRIMARY KEY,
        order_id uuid NOT NULL REFERENCES orders(id),
        provider text NOT NULL,
        provider_payment_id text NOT NULL UNIQUE,
        amount bigint NOT NULL CHECK (amount > 0),
        currency text NOT NULL,
        status text NOT NULL CHECK (status IN ('requires_confirmation', 'requires_action', 'succeeded', 'failed', 'refunded')),
        payment_method text,
        amount_refunded bigint NOT NULL DEFAULT 0 CHECK (amount_refunded >= 0 AND amount_refunded <= amount),
        failure_reason text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // At most one capture per order, and at most one open intent: enforced by the database.
    await q.query(`CREATE UNIQUE INDEX payments_one_capture_per_order ON payments (order_id) WHERE status IN ('succeeded', 'refunded')`);
    await q.query(`CREATE UNIQUE INDEX payments_one_open_per_order ON payments (order_id) WHERE status IN ('requires_confirmation', 'requires_action')`);
    await q.query(`
      CREATE TABLE refunds (
        id uuid PRIMARY KEY,
        payment_id uuid NOT NULL REFERENCES payments(id),
        provider_refund_id text NOT NULL,
        amount bigint NOT NULL CHECK (amount > 0),
        reason text,
        actor_id uuid,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX refunds_payment_idx ON refunds (payment_id)`);
    await q.query(`
      CREATE TABLE webhook_events (
        event_id text PRIMARY KEY,
        type text NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE idempotency_keys (
        scope text NOT NULL,
        key text NOT NULL,
        request_hash text NOT NULL,
        status text NOT NULL CHECK (status IN ('in_progress', 'completed')),
        response_status integer,
        response_body jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        PRIMARY KEY (scope, key)
      )`);
    await q.query(`CREATE INDEX idempotency_keys_expiry_idx ON idempotency_keys (expires_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['idempotency_keys', 'webhook_events', 'refunds', 'payments', 'order_status_history', 'order_items', 'orders']) {
      await q.query(`DROP TABLE ${table}`);
    }
    await q.query(`DROP SEQUENCE order_number_seq`);
  }
}
