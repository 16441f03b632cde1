import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Technicians and repair visits. No double booking is enforced by the database: an exclusion
 * constraint over (technician, [start, end + buffer)) ignoring cancelled visits.
 */
export class Booking1764180000000 implements MigrationInterface {
  name = 'Booking1764180000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS btree_gist`);
    await q.query(`
      CREATE TABLE technicians (
        user_id uuid PRIMARY KEY REFERENCES users(id),
        skills text[] NOT NULL CHECK (cardinality(skills) > 0),
        working_hours jsonb NOT NULL,
        time_off jsonb NOT NULL DEFAULT '[]',
        is_active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX technicians_skills_idx ON technicians USING gin (skills)`);
    await q.query(`
      CREATE TABLE bookings (
        id uuid PRIMARY KEY,
        order_id uuid NOT NULL UNIQUE REFERENCES orders(id),
        customer_id uuid REFERENCES users(id),
        technician_id uuid NOT NULL REFERENCES technicians(user_id),
        status text NOT NULL CHECK (status IN ('pending', 'confirmed', 'in_progress', 'completed', 'cancelled')),
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        blocked_until timestamptz NOT NULL,
        address text NOT NULL,
        notes text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT bookings_time_order CHECK (starts_at < ends_at AND ends_at <= blocked_until),
        CONSTRAINT bookings_no_double_booking EXCLUDE USING gist (
          technician_id WITH =,
          tstzrange(starts_at, blocked_until, '[)') WITH &&
        ) WHERE (status <> 'cancelled')
      )`);
    await q.query(`CREATE INDEX bookings_customer_idx ON bookings (customer_id, starts_at DESC)`);
    await q.query(`CREATE INDEX bookings_technician_day_idx ON bookings (technician_id, starts_at)`);
    await q.query(`CREATE INDEX bookings_status_idx ON bookings (status, starts_at)`);
    await q.query(`
      CREATE TABLE booking_items (
        id uuid PRIMARY KEY,
        booking_id uuid NOT NULL REFERENCES bookings(id) ON DELETE CASCADE,
        service_id uuid NOT NULL REFERENCES services(id),
        name text NOT NULL,
        quantity integer NOT NULL CHECK (quantity BETWEEN 1 AND 10),
        unit_price integer NOT NULL CHECK (unit_price >= 0),
        duration_minutes integer NOT NULL CHECK (duration_minutes > 0)
      )`);
    await q.query(`CREATE INDEX booking_items_booking_idx ON booking_items (booking_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE booking_items`);
    await q.query(`DROP TABLE bookings`);
    await q.query(`DROP TABLE technicians`);
  }
}
