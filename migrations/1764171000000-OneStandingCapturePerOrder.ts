import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * At most one payment per order may stand captured (succeeded). A capture that was refunded in
 * full no longer counts: a late success for a total the order no longer has is refunded at once,
 * and the customer must still be able to pay the order's real total afterwards.
 */
export class OneStandingCapturePerOrder1764171000000 implements MigrationInterface {
  name = 'OneStandingCapturePerOrder1764171000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX payments_one_capture_per_order`);
    await q.query(`CREATE UNIQUE INDEX payments_one_capture_per_order ON payments (order_id) WHERE status = 'succeeded'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX payments_one_capture_per_order`);
    await q.query(`CREATE UNIQUE INDEX payments_one_capture_per_order ON payments (order_id) WHERE status IN ('succeeded', 'refunded')`);
  }
}
