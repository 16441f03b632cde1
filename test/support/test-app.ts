import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client, Pool } from 'pg';
import request from 'supertest';
import { freePort } from '../../src/database/free-port';

export const TEST_JWT_SECRET = 'e2e-access-secret-that-is-long-enough-0123456789';
export const ADMIN = { email: 'admin@example.com', password: 'Admin-Password-1' };
export const TECHNICIAN = { email: 'technician@example.com', password: 'Technician-Password-1' };
export const CUSTOMER = { email: 'customer@example.com', password: 'Customer-Password-1' };

export interface TestApp {
  url: string;
  /** supertest bound to the running app: `app.http().get('/api/v1/...')`. */
  http: () => ReturnType<typeof request>;
  db: Pool;
  databaseUrl: string;
  output: () => string;
  /** Sends the app process a signal (SIGKILL: a crash) and waits for it to exit. */
  kill: (signal: NodeJS.Signals) => Promise<void>;
  /** Stops the app process if it runs and starts a new one on the same database (and data dir). */
  restart: (env?: Record<string, string>) => Promise<void>;
  /** A second app process on the same database (several processes behind a load balancer); stopped with the app. */
  peer: (env?: Record<string, string>) => Promise<{ url: string; http: () => ReturnType<typeof request> }>;
  stop: () => Promise<void>;
}

const ROOT = resolve(__dirname, '..', '..');

async function waitForHealth(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`app exited with ${child.exitCode}:\n${output()}`);
    try {
      const res = await fetch(`${url}/health`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`app did not become healthy:\n${output()}`);
}

/**
 * Starts the built app (dist/) as a real process on its own fresh database of the test server,
 * exactly as production runs it. `env` overrides configuration for this suite.
 */
export async function startTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) throw new Error('TEST_DATABASE_URL is not set (the e2e global setup sets it)');
  const dbName = `e2e_${Date.now()}_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${dbName}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${dbName}`;
  const databaseUrl = url.toString();

  const dataDir = mkdtempSync(join(tmpdir(), 'rc-e2e-app-'));
  let proc = await spawnApp(databaseUrl, dataDir, env);
  const peers: Awaited<ReturnType<typeof spawnApp>>[] = [];
  const db = new Pool({ connectionString: databaseUrl, max: 4 });
  const stopProcess = async ({ child }: { child: ChildProcess }, signal: NodeJS.Signals) => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill(signal);
    await exited;
  };
  const kill = (signal: NodeJS.Signals) => stopProcess(proc, signal);

  return {
    get url() {
      return proc.base;
    },
    http: () => request(proc.base),
    db,
    databaseUrl,
    output: () => proc.output(),
    kill,
    restart: async (overrides = {}) => {
      await kill('SIGTERM');
      proc = await spawnApp(databaseUrl, dataDir, { ...env, ...overrides });
    },
    peer: async (overrides = {}) => {
      const peer = await spawnApp(databaseUrl, mkdtempSync(join(tmpdir(), 'rc-e2e-peer-')), { ...env, ...overrides });
      peers.push(peer);
      return { url: peer.base, http: () => request(peer.base) };
    },
    stop: async () => {
      await db.end();
      for (const peer of peers) await stopProcess(peer, 'SIGTERM');
      await kill('SIGTERM');
      rmSync(dataDir, { recursive: true, force: true });
      const drop = new Client({ connectionString: serverUrl });
      await drop.connect();
      await drop.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
      await drop.end();
    },
  };
}

/** One app process on `databaseUrl`, healthy. */
async function spawnApp(databaseUrl: string, dataDir: string, env: Record<string, string>) {
  const port = await freePort();
  let log = '';
  const child = spawn(process.execPath, [join(ROOT, 'dist', 'src', 'main.js')], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'test',
      HOST: '127.0.0.1',
      PORT: String(port),
      DATABASE_URL: databaseUrl,
      DATA_DIR: dataDir,
      LOG_LEVEL: 'error',
      LOG_PRETTY: 'false',
      JWT_ACCESS_SECRET: TEST_JWT_SECRET,
      JWT_REFRESH_SECRET: 'e2e-refresh-secret-that-is-long-enough-0123456789',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d: Buffer) => (log += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (log += d.toString()));
  const base = `http://127.0.0.1:${port}`;
  const output = () => log;
  await waitForHealth(base, child, output);
  return { child, base, output };
}

export async function login(app: TestApp, who: { email: string; password: string }): Promise<string> {
  const res = await app.http().post('/api/v1/auth/login').send(who).expect(200);
  return res.body.accessToken as string;
}

export async function registerCustomer(app: TestApp, overrides: Record<string, string> = {}) {
  const email = `c-${randomBytes(6).toString('hex')}@example.com`;
  const res = await app
    .http()
    .post('/api/v1/auth/register')
    .send({ email, password: 'a long enough passphrase', fullName: 'Test Customer', ...overrides })
    .expect(201);
  return { email, password: 'a long enough passphrase', token: res.body.accessToken as string, id: res.body.user.id as string, body: res.body };
}

export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

/** Asserts the RFC 9457 shape every error must have. */
export function expectProblem(res: { status: number; headers: Record<string, string>; body: Record<string, unknown> }, status: number) {
  expect(res.status).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.body).toEqual(expect.objectContaining({ type: expect.any(String), title: expect.any(String), status, detail: expect.any(String) }));
  expect(JSON.stringify(res.body)).not.toMatch(/at .+\.(js|ts):\d+/);
}
