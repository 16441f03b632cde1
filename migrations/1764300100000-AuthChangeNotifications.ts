import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every change to a session or a user NOTIFYs channel `auth_changes` (`session:<id>`,
 * `user:<id>`), delivered at commit to every app process, which drops what it cached about them
 * (identity/infrastructure/actor-cache.ts). Triggers, not application code, so that any path that
 * revokes a session, deactivates a user or changes a role or password invalidates the caches,
 * including paths written later. Any update of a user notifies: rare, and safer than a column list.
 */
export class AuthChangeNotifications1764300100000 implements MigrationInterface {
  name = 'AuthChangeNotifications1764300100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION notify_auth_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('auth_changes', TG_ARGV[0] || ':' || OLD.id);
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER auth_sessions_changed AFTER UPDATE OR DELETE ON auth_sessions
      FOR EACH ROW EXECUTE FUNCTION notify_auth_change('session')`);
    await q.query(`
      CREATE TRIGGER users_changed AFTER UPDATE OR DELETE ON users
      FOR EACH ROW EXECUTE FUNCTION notify_auth_change('user')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER users_changed ON users`);
    await q.query(`DROP TRIGGER auth_sessions_changed ON auth_sessions`);
    await q.query(`DROP FUNCTION notify_auth_change()`);
  }
}
