import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmbeddedPostgresAccessError, startEmbeddedPostgres } from '../../src/database/embedded-postgres';

/**
 * One PostgreSQL server for the run: the one in TEST_DATABASE_URL, or an embedded one started
 * here. Every e2e file then creates its own fresh database on it.
 */
export default async function globalSetup(): Promise<void> {
  if (process.env.TEST_DATABASE_URL) return;
  const dir = mkdtempSync(join(tmpdir(), 'rc-e2e-pg-'));
  chmodSync(dir, 0o755); // the postgres user must be able to reach its data directory
  const server = await startEmbeddedPostgres(join(dir, 'data'), { persistent: false }).catch((error: unknown) => {
    if (!(error instanceof EmbeddedPostgresAccessError)) throw error;
    process.stderr.write(`${error.message}\n`); // one line that says what to do, no stack trace
    process.exit(1);
  });
  process.env.TEST_DATABASE_URL = server.url;
  (globalThis as { __embeddedPg?: typeof server }).__embeddedPg = server;
}
