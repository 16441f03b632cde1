import { MigrationInterface, QueryRunner } from 'typeorm';

/** Identity (roles, users, sessions, refresh tokens) and the shared outbox. */
export class Foundation1764140000000 implements MigrationInterface {
  name = 'Foundation1764140000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE roles (
        name text PRIMARY KEY,
        description text NOT NULL
      )`);
    await q.query(`
      INSERT INTO roles (name, description) VALUES
        ('customer', 'Buys parts and products and books repair visits'),
        ('technician', 'Carries out the repair visits assigned to them'),
        ('admin', 'Runs the shop: catalog, orders, payments, bookings and users')`);
    await q.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY,
        email text NOT NULL CHECK (email = lower(email) AND length(email) <= 254),
        password_hash text NOT NULL,
        full_name text NOT NULL,
        phone text,
        address text,
        role text NOT NULL REFERENCES roles(name),
        is_active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX users_email_unique ON users (lower(email))`);
    await q.query(`CREATE INDEX users_role_idx ON users (role)`);
    await q.query(`CREATE INDEX users_created_at_idx ON users (created_at DESC)`);
    await q.query(`
      CREATE TABLE auth_sessions (
        id uuid PRIMARY KEY,
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        revoked_at timestamptz,
        revoked_reason text
      )`);
    await q.query(`CREATE INDEX auth_sessions_user_idx ON auth_sessions (user_id)`);
    await q.query(`
      CREATE TABLE refresh_tokens (
        id uuid PRIMARY KEY,
        session_id uuid NOT NULL REFERENCES auth_sessions(id) ON DELETE CASCADE,
        token_hash text NOT NULL UNIQUE,
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX refresh_tokens_session_idx ON refresh_tokens (session_id)`);
    await q.query(`
      CREATE TABLE outbox (
        id uuid PRIMARY KEY,
        name text NOT NULL,
        aggregate_id uuid NOT NULL,
        payload jsonb NOT NULL,
        occurred_at timestamptz NOT NULL,
        published_at timestamptz
      )`);
    await q.query(`CREATE INDEX outbox_unpublished_idx ON outbox (occurred_at) WHERE published_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE outbox`);
    await q.query(`DROP TABLE refresh_tokens`);
    await q.query(`DROP TABLE auth_sessions`);
    await q.query(`DROP TABLE users`);
    await q.query(`DROP TABLE roles`);
  }
}
