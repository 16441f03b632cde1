import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every cart read takes its lines by cart, in the order they were added; the only indexes on
 * cart_items by cart were the partial unique ones (product lines, service lines), which a read of
 * all lines cannot use: it scanned the whole table. This index serves the read and its order, and
 * the lookup of a deleted cart's lines. It names no column an update changes (quantity, price at
 * add), so a line's update stays a heap-only one.
 */
export class CartItemsByCart1764900100000 implements MigrationInterface {
  name = 'CartItemsByCart1764900100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX cart_items_cart_idx ON cart_items (cart_id, added_at, id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX cart_items_cart_idx`);
  }
}
