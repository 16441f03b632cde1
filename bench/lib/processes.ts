import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { freePort } from '../../src/database/free-port';

export const ROOT = resolve(__dirname, '..', '..', '..');

export interface Server {
  url: string;
  /** Milliseconds from spawn until the health URL answered 200. */
  readyMs: number;
  output(): string;
  stop(): Promise<void>;
  /** Synchronous last resort for process exit: signals the child (and an orphaned postgres) without waiting. */
  kill(): void;
}

/**
 * Stops what a killed app could leave behind: its embedded postgres, found through the pid file
 * in its data directory (only if that process is a postgres).
 */
function killOrphanPostgres(dataDir: string | undefined): void {
  if (!dataDir) return;
  const pidFile = join(dataDir, 'pg', 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  try {
    if (Number.isInteger(pid) && pid > 0 && readFileSync(`/proc/${pid}/comm`, 'utf8').includes('postgres')) process.kill(pid, 'SIGINT');
  } catch {
    // already gone
  }
}

async function stopChild(child: ChildProcess, graceMs: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

async function waitForOk(url: string, child: ChildProcess, output: () => string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${url}: process exited with ${child.exitCode}:\n${output()}`);
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`${url} did not answer 200 within ${timeoutMs / 1000}s:\n${output()}`);
}

/**
 * Spawns `node <script>` from the repository root with a free PORT and waits for `healthPath`.
 * `env` is the whole environment of the child apart from PATH and PORT.
 */
export async function startNodeServer(script: string, env: Record<string, string>, healthPath: string, timeoutMs = 60_000): Promise<Server> {
  const port = await freePort();
  let log = '';
  const started = Date.now();
  const child = spawn(process.execPath, [join(ROOT, script)], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', PORT: String(port), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const keep = (d: Buffer) => {
    log = (log + d.toString()).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const url = `http://127.0.0.1:${port}`;
  const output = () => log;
  const stop = async () => {
    await stopChild(child, 15_000);
    killOrphanPostgres(env.DATA_DIR);
  };
  try {
    await waitForOk(`${url}${healthPath}`, child, output, timeoutMs);
  } catch (error) {
    await stop();
    throw error;
  }
  const kill = () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    else killOrphanPostgres(env.DATA_DIR);
  };
  return { url, readyMs: Date.now() - started, output, stop, kill };
}

/** The built app, as `npm run start:prod` runs it. */
export function startApp(env: Record<string, string>): Promise<Server> {
  return startNodeServer(join('dist', 'src', 'main.js'), { HOST: '127.0.0.1', LOG_LEVEL: 'warn', LOG_PRETTY: 'false', ...env }, '/health');
}

export function startBaseline(databaseUrl: string): Promise<Server> {
  return startNodeServer(join('dist', 'bench', 'baseline-server.js'), { DATABASE_URL: databaseUrl }, '/constant');
}
