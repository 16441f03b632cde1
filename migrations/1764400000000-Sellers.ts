import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sellers (seed 004, "product owners"): a `seller` role; products owned by a seller (`owner_id`,
 * NULL = the house, which is every existing product); and order lines that keep the seller of
 * their product as it was when the line was written (`seller_id`), so a seller's order list
 * reads its own index and history is never rewritten by a later change of owner.
 */
export class Sellers1764400000000 implements MigrationInterface {
  name = 'Sellers1764400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`INSERT INTO roles (name, description) VALUES ('seller', 'Sells their own products: lists them, keeps their stock, sees the orders for them')`);
    await q.query(`ALTER TABLE products ADD COLUMN owner_id uuid REFERENCES users(id)`);
    // GET seller/products: a seller's products, newest first.
    await q.query(`CREATE INDEX products_owner_idx ON products (owner_id, created_at DESC, id) WHERE owner_id IS NOT NULL`);
    await q.query(`ALTER TABLE order_items ADD COLUMN seller_id uuid REFERENCES users(id)`);
    await q.query(`ALTER TABLE order_items ADD CONSTRAINT order_items_seller_of_product CHECK (seller_id IS NULL OR kind = 'product')`);
    // GET seller/orders: the orders holding a seller's lines.
    await q.query(`CREATE INDEX order_items_seller_idx ON order_items (seller_id, order_id) WHERE seller_id IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX order_items_seller_idx`);
    await q.query(`ALTER TABLE order_items DROP CONSTRAINT order_items_seller_of_product`);
    await q.query(`ALTER TABLE order_items DROP COLUMN seller_id`);
    await q.query(`DROP INDEX products_owner_idx`);
    await q.query(`ALTER TABLE products DROP COLUMN owner_id`);
    await q.query(`UPDATE users SET role = 'customer' WHERE role = 'seller'`);
    await q.query(`DELETE FROM roles WHERE name = 'seller'`);
  }
}
