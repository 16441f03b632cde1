import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Client, Pool } from 'pg';
import { startEmbeddedPostgres } from '../src/database/embedded-postgres';
import { seededRandom } from '../src/modules/catalog/infrastructure/catalog.generator';
import { progressBar } from '../scripts/lib/progress';
import { openMigratedDataSource, seedCatalogAtScale } from '../scripts/lib/scale-seed';
import { criteriaOf } from './lib/criteria';
import { explainSearch, PlanSummary } from './lib/explain';
import { cpuTimes, medianOfRounds, runLoad, stealPercent, summarize } from './lib/load';
import { ROOT, Server, startApp, startBaseline } from './lib/processes';
import { BenchReport, consoleReport, machine, markdownReport } from './lib/report';
import type { BenchContext, Dataset, LoadResult, LoadScenario, RaceResult, RaceScenario, Scenario, TracedApp } from './scenario';
import { queryOnlyParams, searchParams } from './scenarios/catalog';
import { scenarios } from './scenarios/index';

const ADMIN = { email: 'admin@example.com', password: 'Admin-Password-1' };
const CUSTOMER = { email: 'customer@example.com', password: 'Customer-Password-1' };
const say = (msg: string): void => {
  process.stderr.write(`${msg}\n`);
};

interface Step {
  stop(): Promise<void> | void;
  /** What can still be done synchronously when the process exits before `stop` ran. */
  onExit?(): void;
}

/**
 * Everything started is registered here and stopped in reverse order, once, whether the run
 * succeeds, fails or is interrupted. embedded-postgres exits the process itself on SIGINT and
 * SIGTERM (after stopping its servers), so steps left at that moment get their `onExit`.
 */
class Cleanup {
  private readonly steps: Step[] = [];
  private running?: Promise<void>;

  constructor() {
    process.once('exit', () => {
      for (const step of this.steps.reverse()) step.onExit?.();
    });
  }

  add(step: Step): void {
    if (this.running) void this.guard(step);
    else this.steps.push(step);
  }

  run(): Promise<void> {
    this.running ??= (async () => {
      while (this.steps.length) {
        const step = this.steps[this.steps.length - 1];
        await this.guard(step);
        this.steps.pop();
      }
    })();
    return this.running;
  }

  private guard(step: Step): Promise<void> {
    return Promise.resolve()
      .then(() => step.stop())
      .catch((error: unknown) => say(`cleanup: ${error instanceof Error ? error.message : String(error)}`));
  }
}

function tempDir(cleanup: Cleanup, prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  chmodSync(dir, 0o755); // the embedded postgres runs as the postgres user when we are root
  const remove = () => rmSync(dir, { recursive: true, force: true });
  cleanup.add({ stop: remove, onExit: remove });
  return dir;
}

async function started(cleanup: Cleanup, server: Promise<Server>): Promise<Server> {
  const s = await server;
  cleanup.add({ stop: () => s.stop(), onExit: () => s.kill() });
  return s;
}

/** (a) a first start on an empty DATA_DIR, (b) a second start reusing it; embedded PostgreSQL, development mode. */
async function measureStartup(cleanup: Cleanup): Promise<BenchReport['startup']> {
  const env = { DATA_DIR: join(tempDir(cleanup, 'rc-bench-startup-'), 'data') };
  const first = await started(cleanup, startApp(env));
  await first.stop();
  const second = await started(cleanup, startApp(env));
  await second.stop();
  return { firstMs: first.readyMs, secondMs: second.readyMs };
}

async function createDatabase(serverUrl: string, name: string): Promise<string> {
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  await client.query(`CREATE DATABASE ${name}`);
  await client.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function login(appUrl: string, who: { email: string; password: string }): Promise<string> {
  const res = await fetch(`${appUrl}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(who) });
  if (!res.ok) throw new Error(`login as ${who.email} failed: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { accessToken: string }).accessToken;
}

/** Whether `scenario` runs at the size of that index: every size, or the first only. */
const runsAt = (scenario: Scenario, index: number): boolean => scenario.perDataset || index === 0;

/** One measured round of a load scenario against one server: a short warm-up, then `durationSeconds` of load. */
async function measureRound(scenario: LoadScenario, ctx: BenchContext, server: LoadResult['server'], durationSeconds: number): Promise<LoadResult> {
  const connections = scenario.connections ?? 10;
  const duration = scenario.durationSeconds ?? durationSeconds;
  const [url, source] = server === 'app' ? [ctx.appUrl, scenario.app] : [ctx.baselineUrl, scenario.baseline];
  if (!source) throw new Error(`${scenario.name} has no ${server} source`);
  // A short warm-up: JIT, connection pools and PostgreSQL's cache, not measured. Every round has
  // one, since the other scenarios and sizes ran on the machine in between.
  await runLoad({ url, source: source(ctx), connections, amount: Math.max(300, connections * 20) });
  const raw = await runLoad({ url, source: source(ctx), connections, durationSeconds: duration });
  return summarize(raw, { scenario: scenario.name, dataset: ctx.dataset.label, server, connections, durationSeconds: duration });
}

/**
 * Every load scenario at every size, in rounds: round 1 runs each scenario at each size (app, then
 * baseline), then round 2 does it again, and so on. The host's speed drifts during a run (its
 * probe has measured one phase of a run at a quarter of the other's speed), so every comparison a
 * target makes, between two sizes or two scenarios, is between measurements a few seconds apart
 * in every round, and each figure is the median of its rounds.
 */
async function measureLoads(
  scenarios: readonly LoadScenario[],
  sizes: readonly BenchContext[],
  opts: { rounds: number; duration: number },
): Promise<{ results: LoadResult[]; steal: (number | undefined)[] }> {
  const runs = scenarios.flatMap((scenario) =>
    sizes
      .filter((_, index) => runsAt(scenario, index))
      .flatMap((ctx) => (['app', 'baseline'] as const).filter((server) => server === 'app' || scenario.baseline).map((server) => ({ scenario, ctx, server }))),
  );
  for (const scenario of scenarios) for (const [index, ctx] of sizes.entries()) if (runsAt(scenario, index)) await scenario.setup?.(ctx);
  const rounds = runs.map((): LoadResult[] => []);
  const steal: (number | undefined)[] = [];
  for (let round = 1; round <= opts.rounds; round++) {
    say(`== load, round ${round} of ${opts.rounds}`);
    const before = cpuTimes();
    for (const [i, { scenario, ctx, server }] of runs.entries()) {
      const result = await measureRound(scenario, ctx, server, opts.duration);
      rounds[i].push(result);
      say(
        `  ${scenario.name} @${result.dataset} ${server}: ${result.reqPerSec.toFixed(0)} req/s, p50 ${result.p50} ms, p99 ${result.p99} ms` +
          (result.non2xx || result.errors ? `, non-2xx ${result.non2xx}, errors ${result.errors}` : ''),
      );
    }
    const stolen = stealPercent(before, cpuTimes());
    steal.push(stolen);
    if (stolen !== undefined) say(`  (CPU stolen by the hypervisor during the round: ${stolen.toFixed(1)}%)`);
  }
  return { results: rounds.map(medianOfRounds), steal };
}

/** A second app on the same database, its jobs off, recording its SQL through bench/lib/sql-trace.ts. */
async function startTraced(cleanup: Cleanup, env: Record<string, string>): Promise<TracedApp> {
  const file = join(tempDir(cleanup, 'rc-bench-trace-'), 'sql.log');
  writeFileSync(file, '');
  const server = await startApp({
    ...env,
    DATA_DIR: tempDir(cleanup, 'rc-bench-traced-'),
    RUN_MIGRATIONS: 'false',
    SEED_DEMO_DATA: 'false',
    ORDER_EXPIRY_INTERVAL_SECONDS: '0',
    CART_EXPIRY_INTERVAL_SECONDS: '0',
    IDEMPOTENCY_CLEANUP_INTERVAL_SECONDS: '0',
    SQL_TRACE_FILE: file,
    NODE_OPTIONS: `--require ${join(ROOT, 'dist', 'bench', 'lib', 'sql-trace.js')}`,
  });
  return {
    url: server.url,
    statementsSince: (since) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((line) => line.split('\t'))
        .filter(([at]) => Number(at) >= since)
        .map(([, text]) => text),
    stop: () => server.stop(),
  };
}

async function race(scenario: RaceScenario, ctx: BenchContext): Promise<RaceResult> {
  await scenario.setup?.(ctx);
  const result = await scenario.run(ctx);
  const counts = Object.entries(result.statuses)
    .map(([k, v]) => `${k}: ${v}`)
    .join(', ');
  say(
    `  ${scenario.name} @${result.dataset}: ${result.requests} requests in ${result.wallMs.toFixed(0)} ms, ${result.successPerSec.toFixed(1)} ${result.unit}, ` +
      `p50 ${result.p50.toFixed(1)} ms, p99 ${result.p99.toFixed(1)} ms (${counts})`,
  );
  for (const c of result.invariants) say(`    ${c.pass ? 'PASS' : 'FAIL'}  ${c.name}: ${c.measured} (expected ${c.target})`);
  return result;
}

async function explainSearches(db: Pool): Promise<PlanSummary[]> {
  const rand = seededRandom(99);
  const plans: PlanSummary[] = [];
  for (let i = 0; i < 2; i++) {
    const params = queryOnlyParams(rand);
    plans.push(...(await explainSearch(db, `search ${decodeURIComponent(params.toString())}`, criteriaOf(Object.fromEntries(params)))));
  }
  for (let i = 0; i < 3; i++) {
    const params = searchParams(rand);
    plans.push(...(await explainSearch(db, `search ${decodeURIComponent(params.toString())}`, criteriaOf(Object.fromEntries(params)))));
  }
  for (const q of ['washer door', 'dryer appliance', 'appliance']) plans.push(...(await explainSearch(db, `search q=${q}`, criteriaOf({ q }))));
  plans.push(...(await explainSearch(db, 'list limit=20', criteriaOf({ limit: '20' }))));
  return plans;
}

function options() {
  const { values } = parseArgs({ options: { sizes: { type: 'string' }, duration: { type: 'string' }, rounds: { type: 'string' }, only: { type: 'string' } } });
  const sizes = (values.sizes ?? '1000,100000').split(',').map(Number);
  if (sizes.some((n) => !Number.isInteger(n) || n < 1)) throw new Error('--sizes is a comma-separated list of product counts, e.g. 1000,100000');
  const duration = Number(values.duration ?? 3);
  const rounds = Number(values.rounds ?? 5);
  if (!(duration > 0)) throw new Error('--duration is the seconds of each measured round, e.g. 5');
  if (!Number.isInteger(rounds) || rounds < 1) throw new Error('--rounds is a whole number of at least 1, e.g. 3');
  const only = values.only ? new RegExp(values.only) : undefined;
  return { sizes, duration, rounds, only };
}

const labelOf = (n: number) => (n >= 1000 && n % 1000 === 0 ? `${n / 1000}k` : String(n));

/**
 * One catalog size: its own database on the shared embedded PostgreSQL, its own app and baseline,
 * filled by the scale seed. Every size stays up for the whole run, so that the load rounds can
 * go from one to the other.
 */
async function prepareSize(cleanup: Cleanup, serverUrl: string, size: number, index: number, report: BenchReport): Promise<BenchContext> {
  const label = labelOf(size);
  const databaseUrl = await createDatabase(serverUrl, `bench_${label}`);
  const appEnv = {
    NODE_ENV: 'production',
    DATABASE_URL: databaseUrl,
    DATA_DIR: tempDir(cleanup, 'rc-bench-app-'),
    JWT_ACCESS_SECRET: randomBytes(32).toString('hex'),
    JWT_REFRESH_SECRET: randomBytes(32).toString('hex'),
    PAYMENT_WEBHOOK_SECRET: randomBytes(32).toString('hex'),
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
    // The load generator is one client address placing many orders for many customers: the
    // per-address and per-party abuse limits would measure themselves, not the API.
    REGISTER_THROTTLE_IP_LIMIT: '100000',
    REFRESH_THROTTLE_IP_LIMIT: '100000',
    MAX_UNPAID_ORDERS_PER_CUSTOMER: '10000',
    MAX_UNPAID_ORDERS_PER_EMAIL: '10000',
    MAX_UNPAID_ORDERS_PER_ADDRESS: '100000',
  };
  const app = await started(cleanup, startApp(appEnv));
  const baseline = await started(cleanup, startBaseline(databaseUrl));
  // Opened after the app has migrated, so that its connections get the database's settings.
  const ds = await openMigratedDataSource(databaseUrl);
  cleanup.add({ stop: () => ds.destroy() });
  const db = new Pool({ connectionString: databaseUrl, max: 2 });
  cleanup.add({ stop: () => db.end() });
  const tokens = { admin: await login(app.url, ADMIN), customer: await login(app.url, CUSTOMER) };

  const countActive = async () => ((await db.query('SELECT count(*)::int AS n FROM products WHERE is_active')).rows[0] as { n: number }).n;
  const missing = Math.max(0, size - (await countActive()));
  say(`== catalog at ${label} products: seeding ${missing}`);
  const bar = progressBar('  seed', missing);
  const seeded = await seedCatalogAtScale(ds, { products: missing, reviewsPerProduct: 0.3, seed: index + 1, onProgress: (n) => bar.update(n) });
  bar.finish();
  // The seed's pages are written now, not by a checkpoint in the middle of a measurement.
  await db.query('CHECKPOINT');
  const dataset: Dataset = { label, products: await countActive() };
  report.seeds.push({ dataset, insertedProducts: missing, ms: seeded.ms });

  const ids = (await db.query('SELECT id FROM products WHERE is_active ORDER BY random() LIMIT 5000')).rows as { id: string }[];
  return {
    appUrl: app.url,
    baselineUrl: baseline.url,
    dataset,
    db,
    tokens,
    productIds: ids.map((r) => r.id),
    rand: seededRandom(1000 + index),
    startTracedApp: () => startTraced(cleanup, appEnv),
  };
}

async function main(cleanup: Cleanup): Promise<void> {
  const began = Date.now();
  const host = machine();
  const opts = options();
  const selected = scenarios.filter((s) => !opts.only || opts.only.test(s.name));

  say('== startup');
  const startup = await measureStartup(cleanup);
  say(`  first start ${(startup.firstMs / 1000).toFixed(2)} s, second start ${(startup.secondMs / 1000).toFixed(2)} s`);

  say('== database, apps and baselines');
  const pg = await startEmbeddedPostgres(join(tempDir(cleanup, 'rc-bench-pg-'), 'data'), { persistent: false });
  cleanup.add({ stop: () => pg.stop() });
  const report: BenchReport = { machine: host, startup, seeds: [], results: [], races: [], checks: [], plans: [], durationMs: 0, rounds: opts.rounds, roundSeconds: opts.duration };
  const sizes: BenchContext[] = [];
  for (const [index, size] of opts.sizes.entries()) sizes.push(await prepareSize(cleanup, pg.url, size, index, report));

  const loads = selected.filter((s): s is LoadScenario => s.kind !== 'race');
  ({ results: report.results, steal: report.steal } = await measureLoads(loads, sizes, opts));
  say('== races');
  for (const [index, ctx] of sizes.entries())
    for (const scenario of selected.filter((s): s is RaceScenario => s.kind === 'race' && runsAt(s, index))) report.races.push(await race(scenario, ctx));
  report.plans = await explainSearches(sizes[sizes.length - 1].db);

  report.checks = selected.flatMap((s) => s.checks?.(report.results) ?? []);
  report.durationMs = Date.now() - began;
  report.machine.loadAfter = loadavg()[0];
  process.stdout.write(`\n${consoleReport(report)}\n`);
  mkdirSync(join(ROOT, 'docs'), { recursive: true });
  writeFileSync(join(ROOT, 'docs', 'BENCHMARKS.md'), markdownReport(report, selected));
  mkdirSync(join(ROOT, 'bench', '.results'), { recursive: true });
  writeFileSync(join(ROOT, 'bench', '.results', 'latest.json'), `${JSON.stringify(report, null, 2)}\n`);
  say(`\nwrote docs/BENCHMARKS.md and bench/.results/latest.json (${((Date.now() - began) / 1000).toFixed(0)} s)`);
}

const cleanup = new Cleanup();
let interrupted = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    interrupted = true;
    say(`\n${signal}: stopping everything the benchmark started`);
    void cleanup.run().then(() => process.exit(130));
  });
}

main(cleanup)
  .then(() => cleanup.run())
  .then(() => process.exit(interrupted ? 130 : 0))
  .catch(async (error: unknown) => {
    // After Ctrl-C the run fails on the servers being stopped under it; that is not news.
    if (!interrupted) say(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    await cleanup.run();
    process.exit(interrupted ? 130 : 1);
  });
