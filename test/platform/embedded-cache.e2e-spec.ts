import { execFile } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { sharedBuffersMb } from '../../src/database/embedded-postgres';

const ROOT = resolve(__dirname, '..', '..');

/**
 * The embedded PostgreSQL keeps a cache sized for the machine, not PostgreSQL's 128 MB default.
 * Started by the built code in a process of its own (the library is an ES module import, which
 * the test runner's sandbox does not load), which prints what the server reports.
 */
describe('embedded PostgreSQL cache', () => {
  let dir: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'rc-cache-pg-'));
    chmodSync(dir, 0o755);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('runs with shared_buffers of an eighth of the memory, between 128 MB and 1 GB', async () => {
    const script = `
      const { startEmbeddedPostgres } = require(${JSON.stringify(join(ROOT, 'dist', 'src', 'database', 'embedded-postgres.js'))});
      const { Client } = require('pg');
      (async () => {
        const server = await startEmbeddedPostgres(${JSON.stringify(join(dir, 'data'))}, { persistent: false });
        const client = new Client({ connectionString: server.url });
        await client.connect();
        const { rows } = await client.query("SELECT setting::int * 8 / 1024 AS mb FROM pg_settings WHERE name = 'shared_buffers'");
        await client.end();
        await server.stop();
        process.stdout.write(JSON.stringify(rows[0]));
      })();`;
    const { stdout } = await promisify(execFile)(process.execPath, ['-e', script], { cwd: ROOT, timeout: 120_000 });
    const expected = sharedBuffersMb();
    expect(expected).toBeGreaterThanOrEqual(128);
    expect(expected).toBeLessThanOrEqual(1024);
    expect(JSON.parse(stdout)).toEqual({ mb: expected });
  });
});
