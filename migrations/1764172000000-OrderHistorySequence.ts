import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Order history in the order its rows were written. `at` has millisecond precision and comes
 * from the app process, so two changes in one millisecond (an order placed and at once paid
 * because there is nothing to pay) were listed in random order. Rows of one order are written
 * under that order's row lock, so the sequence is their causal order.
 */
export class OrderHistorySequence1764172000000 implements MigrationInterface {
  name = 'OrderHistorySequence1764172000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE order_status_history ADD COLUMN seq bigserial`);
    await q.query(`DROP INDEX order_status_history_order_idx`);
    await q.query(`CREATE INDEX order_status_history_order_idx ON order_status_history (order_id, seq)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX order_status_history_order_idx`);
    await q.query(`ALTER TABLE order_status_history DROP COLUMN seq`);
    await q.query(`CREATE INDEX order_status_history_order_idx ON order_status_history (order_id, at)`);
  }
}
