import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client, Pool } from 'pg';
import request from 'supertest';
import { freePort } from '../../src/database/free-port';
import { Contract } from './contract';

export const TEST_JWT_SECRET = 'e2e-access-secret-that-is-long-enough-0123456789';
export const ADMIN = { email: 'admin@example.com', password: 'Admin-Password-1' };
export const TECHNICIAN = { email: 'technician@example.com', password: 'Technician-Password-1' };
export const CUSTOMER = { email: 'customer@example.com', password: 'Customer-Password-1' };

export interface TestApp {
  url: string;
  /**
   * supertest bound to the running app: `app.http().get('/api/v1/...')`. Every response is checked
   * against the live OpenAPI document (operation, status, content type, body, headers).
   */
  http: () => ReturnType<typeof request>;
  /** `fetch` with the same contract check, for clients that take a fetch (the generated client). */
  fetch: typeof fetch;
  contract: Contract;
  db: Pool;
  databaseUrl: string;
  output: () => string;
  /** The app's current process (signals, exit code). */
  child: ChildProcess;
  /** Sends the app process a signal (SIGKILL: a crash) and waits for it to exit. */
  kill: (signal: NodeJS.Signals) => Promise<void>;
  /** Stops the app process if it runs and starts a new one on the same database (and data dir). */
  restart: (env?: Record<string, string>) => Promise<void>;
  /** A second app process on the same database (several processes behind a load balancer); stopped with the app. */
  peer: (env?: Record<string, string>) => Promise<{ url: string; http: () => ReturnType<typeof request> }>;
  stop: () => Promise<void>;
}

const ROOT = resolve(__dirname, '..', '..');

/**
 * How long an app may take to start (migrations on a fresh database): generous, because CI
 * machines are shared and noisy. E2E_START_TIMEOUT_SECONDS overrides it; jest.config.js gives
 * hooks 30 s more.
 */
export const START_TIMEOUT_MS = Number(process.env.E2E_START_TIMEOUT_SECONDS ?? 120) * 1000;

async function waitForHealth(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`app exited with ${child.exitCode} before it was ready; its log:\n${output()}`);
    try {
      const res = await fetch(`${url}/health/ready`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`app was not ready within ${START_TIMEOUT_MS / 1000} s (E2E_START_TIMEOUT_SECONDS); its log:\n${output()}`);
}

interface AppProcess {
  child: ChildProcess;
  base: string;
  output: () => string;
}

async function stopProcess({ child }: { child: ChildProcess }, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill(signal);
  await exited;
}

/**
 * Starts the built app (dist/) as a real process on its own fresh database of the test server,
 * exactly as production runs it. `env` overrides configuration for this suite; with its own
 * `DATABASE_URL` (a private cluster) the app and `db` use that database, which the caller owns.
 * With `sharedWith`, it is a second process on that app's database (which the first app drops).
 */
export async function startTestApp(env: Record<string, string> = {}, sharedWith?: TestApp): Promise<TestApp> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) throw new Error('TEST_DATABASE_URL is not set (the e2e global setup sets it)');
  const ownDatabase = env.DATABASE_URL;
  const dbName = sharedWith ? new URL(sharedWith.databaseUrl).pathname.slice(1) : `e2e_${Date.now()}_${randomBytes(4).toString('hex')}`;
  if (!sharedWith && !ownDatabase) {
    const admin = new Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${dbName}`);
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${dbName}`;
  const databaseUrl = ownDatabase ?? url.toString();
  const dataDir = mkdtempSync(join(tmpdir(), 'rc-e2e-app-'));
  const peerDirs: string[] = [];
  const dropDatabase = async () => {
    for (const dir of [dataDir, ...peerDirs]) rmSync(dir, { recursive: true, force: true });
    if (sharedWith || ownDatabase) return;
    const drop = new Client({ connectionString: serverUrl });
    await drop.connect();
    await drop.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await drop.end();
  };

  let proc: AppProcess;
  let contract: Contract;
  try {
    proc = await spawnApp(databaseUrl, dataDir, env);
    contract = await Contract.load(proc.base);
  } catch (error) {
    // Leave nothing behind: the suite fails with the app's log, and its afterAll has no app to stop.
    await dropDatabase().catch(() => undefined);
    throw error;
  }
  const peers: AppProcess[] = [];
  const db = new Pool({ connectionString: databaseUrl, max: 4 });
  const kill = (signal: NodeJS.Signals) => stopProcess(proc, signal);

  return {
    get url() {
      return proc.base;
    },
    http: () => checkedAgent(proc.base, contract),
    fetch: checkedFetch(contract),
    contract,
    db,
    databaseUrl,
    output: () => proc.output(),
    get child() {
      return proc.child;
    },
    kill,
    restart: async (overrides = {}) => {
      await kill('SIGTERM');
      proc = await spawnApp(databaseUrl, dataDir, { ...env, ...overrides });
    },
    peer: async (overrides = {}) => {
      const dir = mkdtempSync(join(tmpdir(), 'rc-e2e-peer-'));
      peerDirs.push(dir);
      const peer = await spawnApp(databaseUrl, dir, { ...env, ...overrides });
      peers.push(peer);
      return { url: peer.base, http: () => checkedAgent(peer.base, contract) };
    },
    stop: async () => {
      await db.end();
      for (const peer of peers) await stopProcess(peer, 'SIGTERM');
      await kill('SIGTERM');
      await dropDatabase();
    },
  };
}

/** One app process on `databaseUrl`, ready; stopped again when it does not get ready. */
async function spawnApp(databaseUrl: string, dataDir: string, env: Record<string, string>): Promise<AppProcess> {
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
      // Every suite calls from 127.0.0.1: per-address and per-party caps are raised here and
      // tested at their real values in test/security.
      REGISTER_THROTTLE_IP_LIMIT: '10000',
      REFRESH_THROTTLE_IP_LIMIT: '10000',
      MAX_UNPAID_ORDERS_PER_CUSTOMER: '10000',
      MAX_UNPAID_ORDERS_PER_EMAIL: '10000',
      MAX_UNPAID_ORDERS_PER_ADDRESS: '10000',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d: Buffer) => (log += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (log += d.toString()));
  const base = `http://127.0.0.1:${port}`;
  const output = () => log;
  try {
    await waitForHealth(base, child, output);
  } catch (error) {
    await stopProcess({ child }, 'SIGKILL');
    throw error;
  }
  return { child, base, output };
}

const VERBS = ['get', 'post', 'put', 'patch', 'delete', 'head', 'options'] as const;

/** supertest whose every request, however the test awaits it, ends with the contract check. */
function checkedAgent(base: string, contract: Contract): ReturnType<typeof request> {
  const agent = request(base);
  for (const verb of VERBS) {
    const make = agent[verb].bind(agent);
    agent[verb] = (url: string) => {
      const test = make(url);
      const end = test.end.bind(test);
      test.end = (callback) => {
        // Added last, so a test's own status expectation reports first.
        test.expect((res) => contract.check(verb, url, { status: res.status, headers: res.headers, body: res.body }));
        return end(callback);
      };
      return test;
    };
  }
  return agent;
}

function checkedFetch(contract: Contract): typeof fetch {
  return async (input, init) => {
    const req = new Request(input, init);
    const res = await fetch(req);
    const text = await res.clone().text();
    const type = res.headers.get('content-type') ?? '';
    const body: unknown = type.includes('json') && text ? JSON.parse(text) : text;
    contract.check(req.method, req.url, { status: res.status, headers: Object.fromEntries(res.headers.entries()), body });
    return res;
  };
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
