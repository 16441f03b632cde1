import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Emails: one row per (dedupe key, recipient, template), planned after commit from the outbox and
 * sent by claim -> send -> mark; and each visit's calendar-invite SEQUENCE.
 */
export class Notifications1764600000000 implements MigrationInterface {
  name = 'Notifications1764600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE notifications (
        id uuid PRIMARY KEY,
        dedupe_key text NOT NULL,
        template text NOT NULL,
        recipient text NOT NULL,
        subject text NOT NULL,
        data jsonb NOT NULL,
        order_id uuid,
        booking_id uuid,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed', 'dead')),
        attempts integer NOT NULL DEFAULT 0,
        last_error text,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        message_id text,
        resent_from uuid REFERENCES notifications(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        sent_at timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT notifications_once UNIQUE (dedupe_key, recipient, template)
      )`);
    await q.query(`CREATE INDEX notifications_due_idx ON notifications (next_attempt_at) WHERE status IN ('pending', 'failed')`);
    await q.query(`CREATE INDEX notifications_created_idx ON notifications (created_at DESC, id)`);
    await q.query(`CREATE INDEX notifications_recipient_idx ON notifications (lower(recipient))`);
    await q.query(`CREATE INDEX notifications_order_idx ON notifications (order_id) WHERE order_id IS NOT NULL`);
    await q.query(`CREATE INDEX notifications_booking_idx ON notifications (booking_id) WHERE booking_id IS NOT NULL`);
    await q.query(`
      CREATE TABLE visit_invites (
        booking_id uuid PRIMARY KEY,
        sequence integer NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE visit_invites`);
    await q.query(`DROP TABLE notifications`);
  }
}
