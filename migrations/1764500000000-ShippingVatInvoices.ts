import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Shipping methods, VAT and invoices (issue 14, items 2-4).
 * - shipping_methods, seeded with three methods so a fresh shop can sell at once (admins edit them);
 * - categories.vat_rate_percent: a category's own VAT rate (NULL = the standard VAT_RATE_PERCENT);
 * - orders snapshot their shipping method and charge, the standard rate shipping is taxed at,
 *   and the carrier and tracking number given when shipped; order lines snapshot their VAT rate
 *   (orders placed before this migration were all at the UK standard 20%);
 * - invoices and credit notes numbered from gap-free counters: a row per kind in
 *   document_counters, incremented in the transaction that issues the document (a rollback gives
 *   the number back; a SEQUENCE would not).
 */
export class ShippingVatInvoices1764500000000 implements MigrationInterface {
  name = 'ShippingVatInvoices1764500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE shipping_methods (
        id uuid PRIMARY KEY,
        code text NOT NULL UNIQUE CHECK (code ~ '^[a-z0-9][a-z0-9-]{0,39}$'),
        name text NOT NULL,
        price integer NOT NULL CHECK (price >= 0),
        free_over_subtotal integer CHECK (free_over_subtotal >= 0),
        estimated_days integer NOT NULL CHECK (estimated_days BETWEEN 0 AND 60),
        is_active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      INSERT INTO shipping_methods (id, code, name, price, free_over_subtotal, estimated_days) VALUES
        (gen_random_uuid(), 'standard', 'Standard delivery', 499, 5000, 3),
        (gen_random_uuid(), 'next-day', 'Next working day', 999, NULL, 1),
        (gen_random_uuid(), 'economy', 'Economy delivery (free)', 0, NULL, 7)`);

    await q.query(`ALTER TABLE categories ADD COLUMN vat_rate_percent integer CHECK (vat_rate_percent BETWEEN 0 AND 100)`);

    await q.query(`ALTER TABLE order_items ADD COLUMN vat_rate integer NOT NULL DEFAULT 20 CHECK (vat_rate BETWEEN 0 AND 100)`);
    await q.query(`ALTER TABLE order_items ALTER COLUMN vat_rate DROP DEFAULT`);
    await q.query(`
      ALTER TABLE orders
        ADD COLUMN shipping_method jsonb,
        ADD COLUMN shipping_amount bigint NOT NULL DEFAULT 0 CHECK (shipping_amount >= 0),
        -- the app always writes the standard rate of the moment; the default only serves older rows and raw inserts
        ADD COLUMN shipping_vat_rate integer NOT NULL DEFAULT 20 CHECK (shipping_vat_rate BETWEEN 0 AND 100),
        ADD COLUMN carrier text,
        ADD COLUMN tracking_number text`);
    await q.query(`ALTER TABLE orders DROP CONSTRAINT orders_total_adds_up`);
    await q.query(`ALTER TABLE orders ADD CONSTRAINT orders_total_adds_up CHECK (total = subtotal - discount_amount + shipping_amount)`);
    await q.query(`ALTER TABLE order_status_history ADD COLUMN carrier text, ADD COLUMN tracking_number text`);

    await q.query(`CREATE TABLE document_counters (kind text PRIMARY KEY, last_value bigint NOT NULL CHECK (last_value >= 0))`);
    await q.query(`INSERT INTO document_counters (kind, last_value) VALUES ('invoice', 0), ('credit_note', 0)`);
    await q.query(`
      CREATE TABLE invoices (
        order_id uuid PRIMARY KEY REFERENCES orders(id),
        seq bigint NOT NULL UNIQUE,
        number text NOT NULL UNIQUE,
        issued_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE credit_notes (
        id uuid PRIMARY KEY,
        order_id uuid NOT NULL REFERENCES invoices(order_id),
        seq bigint NOT NULL UNIQUE,
        number text NOT NULL UNIQUE,
        amount bigint NOT NULL CHECK (amount > 0),
        refund_id text NOT NULL UNIQUE,
        reason text,
        issued_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX credit_notes_order_idx ON credit_notes (order_id, seq)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE credit_notes`);
    await q.query(`DROP TABLE invoices`);
    await q.query(`DROP TABLE document_counters`);
    await q.query(`ALTER TABLE order_status_history DROP COLUMN carrier, DROP COLUMN tracking_number`);
    await q.query(`ALTER TABLE orders DROP CONSTRAINT orders_total_adds_up`);
    await q.query(`UPDATE orders SET total = subtotal - discount_amount`);
    await q.query(`ALTER TABLE orders ADD CONSTRAINT orders_total_adds_up CHECK (total = subtotal - discount_amount)`);
    await q.query(`ALTER TABLE orders DROP COLUMN shipping_method, DROP COLUMN shipping_amount, DROP COLUMN shipping_vat_rate, DROP COLUMN carrier, DROP COLUMN tracking_number`);
    await q.query(`ALTER TABLE order_items DROP COLUMN vat_rate`);
    await q.query(`ALTER TABLE categories DROP COLUMN vat_rate_percent`);
    await q.query(`DROP TABLE shipping_methods`);
  }
}
