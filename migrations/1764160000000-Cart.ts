import { MigrationInterface, QueryRunner } from 'typeorm';

/** Carts (anonymous by token hash, or bound to a user), their lines, discount codes and redemptions. */
export class Cart1764160000000 implements MigrationInterface {
  name = 'Cart1764160000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE discounts (
        id uuid PRIMARY KEY,
        code text NOT NULL CHECK (code = upper(code) AND length(code) BETWEEN 3 AND 40),
        name text NOT NULL,
        type text NOT NULL CHECK (type IN ('percentage', 'fixed')),
        value integer NOT NULL CHECK (value > 0 AND (type <> 'percentage' OR value <= 100)),
        valid_from timestamptz,
        valid_to timestamptz,
        is_active boolean NOT NULL DEFAULT true,
        min_subtotal integer NOT NULL DEFAULT 0 CHECK (min_subtotal >= 0),
        max_uses integer CHECK (max_uses > 0),
        per_customer_limit integer CHECK (per_customer_limit > 0),
        applies_to text NOT NULL DEFAULT 'all' CHECK (applies_to IN ('all', 'products', 'services')),
        times_used integer NOT NULL DEFAULT 0 CHECK (times_used >= 0),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT discounts_within_max_uses CHECK (max_uses IS NULL OR times_used <= max_uses),
        CONSTRAINT discounts_valid_window CHECK (valid_from IS NULL OR valid_to IS NULL OR valid_from < valid_to)
      )`);
    await q.query(`CREATE UNIQUE INDEX discounts_code_unique ON discounts (upper(code))`);
    await q.query(`
      CREATE TABLE discount_redemptions (
        id uuid PRIMARY KEY,
        discount_id uuid NOT NULL REFERENCES discounts(id),
        customer_key text NOT NULL,
        order_id uuid NOT NULL UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX discount_redemptions_customer_idx ON discount_redemptions (discount_id, customer_key)`);
    await q.query(`
      CREATE TABLE carts (
        id uuid PRIMARY KEY,
        user_id uuid REFERENCES users(id) ON DELETE CASCADE,
        token_hash text UNIQUE,
        status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'merged', 'converted', 'expired')),
        discount_code text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT carts_has_owner CHECK (user_id IS NOT NULL OR token_hash IS NOT NULL)
      )`);
    await q.query(`CREATE UNIQUE INDEX carts_one_active_per_user ON carts (user_id) WHERE status = 'active' AND user_id IS NOT NULL`);
    await q.query(`CREATE INDEX carts_anonymous_activity_idx ON carts (updated_at) WHERE status = 'active' AND user_id IS NULL`);
    await q.query(`CREATE INDEX carts_status_idx ON carts (status, updated_at DESC)`);
    await q.query(`
      CREATE TABLE cart_items (
        id uuid PRIMARY KEY,
        cart_id uuid NOT NULL REFERENCES carts(id) ON DELETE CASCADE,
        product_id uuid REFERENCES products(id),
        service_id uuid REFERENCES services(id),
        quantity integer NOT NULL CHECK (quantity BETWEEN 1 AND 99),
        unit_price_at_add integer NOT NULL CHECK (unit_price_at_add >= 0),
        added_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT cart_items_one_item CHECK ((product_id IS NULL) <> (service_id IS NULL))
      )`);
    await q.query(`CREATE UNIQUE INDEX cart_items_product_unique ON cart_items (cart_id, product_id) WHERE product_id IS NOT NULL`);
    await q.query(`CREATE UNIQUE INDEX cart_items_service_unique ON cart_items (cart_id, service_id) WHERE service_id IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['cart_items', 'carts', 'discount_redemptions', 'discounts']) await q.query(`DROP TABLE ${table}`);
  }
}
