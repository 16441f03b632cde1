import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Repair visits that fit the trade: technicians' service areas (UK outward codes or areas) and
 * private calendar token; the visit's postcode, report, rating, the parts used on it and the
 * follow-up order that charges them; orders know which visit they charge parts for.
 * Existing technicians start with no service area (they cover nowhere until an admin sets one).
 */
export class VisitsTrade1764300300000 implements MigrationInterface {
  name = 'VisitsTrade1764300300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE technicians ADD COLUMN service_areas text[] NOT NULL DEFAULT '{}', ADD COLUMN calendar_token_hash text`);
    await q.query(`CREATE INDEX technicians_service_areas_idx ON technicians USING gin (service_areas)`);
    await q.query(`
      ALTER TABLE orders
        ADD COLUMN parts_booking_id uuid,
        ADD COLUMN original_order_id uuid REFERENCES orders(id),
        ADD CONSTRAINT orders_parts_link CHECK ((parts_booking_id IS NULL) = (original_order_id IS NULL))`);
    await q.query(`CREATE UNIQUE INDEX orders_parts_booking_idx ON orders (parts_booking_id) WHERE parts_booking_id IS NOT NULL`);
    await q.query(`
      ALTER TABLE bookings
        ADD COLUMN postcode text,
        ADD COLUMN report_diagnosis text,
        ADD COLUMN report_work_done text,
        ADD COLUMN report_recommendations text,
        ADD COLUMN rating smallint CHECK (rating BETWEEN 1 AND 5),
        ADD COLUMN rating_comment text,
        ADD COLUMN rated_at timestamptz,
        ADD COLUMN follow_up_order_id uuid REFERENCES orders(id),
        ADD CONSTRAINT bookings_rating_when_completed CHECK (rating IS NULL OR status = 'completed')`);
    await q.query(`CREATE INDEX bookings_rated_idx ON bookings (technician_id) WHERE rating IS NOT NULL`);
    await q.query(`
      CREATE TABLE booking_parts (
        id uuid PRIMARY KEY,
        booking_id uuid NOT NULL REFERENCES bookings(id) ON DELETE CASCADE,
        product_id uuid NOT NULL REFERENCES products(id),
        name text NOT NULL,
        quantity integer NOT NULL CHECK (quantity BETWEEN 1 AND 99),
        recorded_by uuid REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX booking_parts_booking_idx ON booking_parts (booking_id, created_at)`);
    await q.query(`ALTER TABLE stock_movements DROP CONSTRAINT stock_movements_reason_check`);
    await q.query(
      `ALTER TABLE stock_movements ADD CONSTRAINT stock_movements_reason_check CHECK (reason IN ('restock', 'adjustment', 'reservation', 'release', 'sale', 'used_on_visit'))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM stock_movements WHERE reason = 'used_on_visit'`);
    await q.query(`ALTER TABLE stock_movements DROP CONSTRAINT stock_movements_reason_check`);
    await q.query(`ALTER TABLE stock_movements ADD CONSTRAINT stock_movements_reason_check CHECK (reason IN ('restock', 'adjustment', 'reservation', 'release', 'sale'))`);
    await q.query(`DROP TABLE booking_parts`);
    await q.query(`
      ALTER TABLE bookings DROP COLUMN postcode, DROP COLUMN report_diagnosis, DROP COLUMN report_work_done, DROP COLUMN report_recommendations,
        DROP COLUMN rating, DROP COLUMN rating_comment, DROP COLUMN rated_at, DROP COLUMN follow_up_order_id`);
    await q.query(`ALTER TABLE orders DROP CONSTRAINT orders_parts_link, DROP COLUMN parts_booking_id, DROP COLUMN original_order_id`);
    await q.query(`ALTER TABLE technicians DROP COLUMN service_areas, DROP COLUMN calendar_token_hash`);
  }
}
