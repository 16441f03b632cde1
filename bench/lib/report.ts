import { cpus, loadavg, totalmem } from 'node:os';
import type { Check, Dataset, LoadResult, RaceResult } from '../scenario';
import type { PlanSummary } from './explain';

export interface BenchReport {
  machine: { cpu: string; cores: number; memoryGiB: number; node: string; date: string; loadBefore: number; loadAfter?: number };
  startup: { firstMs: number; secondMs: number };
  seeds: { dataset: Dataset; insertedProducts: number; ms: number }[];
  results: LoadResult[];
  /** Scenarios of kind 'race': one burst each, with invariants checked in the database. */
  races: RaceResult[];
  checks: Check[];
  plans: PlanSummary[];
  durationMs: number;
  /** Load rounds: each load figure is the median of this many interleaved measurements. */
  rounds: number;
  /** Seconds of load in each round (`--duration`). */
  roundSeconds: number;
  /** Per load round, the share of the machine's CPU time the hypervisor gave to others (steal), when the OS tells it. */
  steal?: (number | undefined)[];
}

function stealLine(report: BenchReport): string | undefined {
  const steal = report.steal ?? [];
  if (!steal.some((s) => s !== undefined)) return undefined;
  return `CPU time taken by the hypervisor for other machines (steal) in each load round: ${steal.map((s) => (s === undefined ? '?' : `${fixed(s)}%`)).join(', ')}.`;
}

export function machine(): BenchReport['machine'] {
  return {
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    memoryGiB: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
    date: new Date().toISOString(),
    loadBefore: loadavg()[0],
  };
}

const fixed = (n: number, digits = 1) => n.toFixed(digits);

function ratioOf(result: LoadResult, all: readonly LoadResult[]): string {
  if (result.server !== 'app') return '';
  const base = all.find((b) => b.server === 'baseline' && b.scenario === result.scenario && b.dataset === result.dataset);
  return base && base.reqPerSec > 0 ? `${fixed(result.reqPerSec / base.reqPerSec, 2)}x` : '';
}

function rows(report: BenchReport): string[][] {
  return report.results.map((r) => [
    r.scenario,
    r.dataset,
    r.server,
    String(r.connections),
    fixed(r.reqPerSec),
    fixed(r.p50),
    fixed(r.p99),
    ratioOf(r, report.results),
    String(r.non2xx),
    String(r.errors),
    (r.rounds ?? []).map((x) => `${fixed(x.reqPerSec, 0)} / ${fixed(x.p99, 0)}`).join(', '),
  ]);
}

const RACE_HEADER = ['scenario', 'data', 'requests', 'wall ms', 'successes/s', 'p50 ms', 'p99 ms', 'answers'];

function raceRows(report: BenchReport): string[][] {
  return (report.races ?? []).map((r) => [
    r.scenario,
    r.dataset,
    String(r.requests),
    fixed(r.wallMs, 0),
    `${fixed(r.successPerSec)} ${r.unit}`,
    fixed(r.p50),
    fixed(r.p99),
    Object.entries(r.statuses)
      .map(([k, v]) => `${k}: ${v}`)
      .join(', '),
  ]);
}

/** The SQL of one request per race that traced it (checkout.throughput), numbered. */
function statementLists(report: BenchReport): string {
  return (report.races ?? [])
    .filter((r) => r.statements?.length)
    .map((r) => {
      const lines = (r.statements ?? []).map((t, i) => `${String(i + 1).padStart(2)}. ${t.length > 220 ? `${t.slice(0, 220)} ...` : t}`);
      return `**${r.scenario} @${r.dataset}: ${r.statements?.length} statements per request**\n\n\`\`\`\n${lines.join('\n')}\n\`\`\``;
    })
    .join('\n\n');
}

const invariantsOf = (report: BenchReport) => (report.races ?? []).flatMap((r) => r.invariants.map((c) => ({ ...c, name: `${r.scenario}: ${c.name}` })));

const HEADER = ['scenario', 'data', 'server', 'conn', 'req/s', 'p50 ms', 'p99 ms', 'app/baseline', 'non-2xx', 'errors', 'rounds: req/s / p99 ms'];
const seconds = (ms: number) => `${fixed(ms / 1000, 2)} s`;

export function textTable(header: string[], body: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i < 3 || i === header.length - 1 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ').trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}

/**
 * The host's speed at each size: the baseline's constant route (bare Fastify, no database) runs
 * next to each size's scenarios in every round, so a difference of its throughput between the
 * sizes is the machine's, not the code's, and every comparison between the sizes inherits it.
 */
export function hostSpeedLine(results: readonly LoadResult[]): string | undefined {
  const probes = results.filter((r) => r.scenario === 'identity.me' && r.server === 'baseline');
  if (probes.length < 2) return undefined;
  const [first, last] = [probes[0], probes[probes.length - 1]];
  const each = probes.map((p) => `${p.reqPerSec.toFixed(0)} req/s @${p.dataset}`).join(', ');
  return `Host speed (the baseline's constant route, which reads no database, next to each size's scenarios; median of the rounds): ${each}; @${last.dataset} vs @${first.dataset} ${fixed(last.reqPerSec / first.reqPerSec, 2)}x.`;
}

/** The 1-minute load average around the run: other work on the machine skews every figure. */
export function loadLine(m: BenchReport['machine']): string {
  return `load average ${m.loadBefore.toFixed(1)} before, ${(m.loadAfter ?? 0).toFixed(1)} after the run, on ${m.cores} cores`;
}

export function consoleReport(report: BenchReport): string {
  const out: string[] = [`${report.machine.cpu}, ${loadLine(report.machine)}`];
  out.push(`startup: first start ${seconds(report.startup.firstMs)} (target < 20 s), second start ${seconds(report.startup.secondMs)} (target < 4 s)`);
  for (const s of report.seeds) out.push(`seed @${s.dataset.label}: ${s.insertedProducts} products inserted in ${seconds(s.ms)} (${s.dataset.products} active in total)`);
  out.push('', textTable(HEADER, rows(report)), '');
  const host = hostSpeedLine(report.results);
  if (host) out.push(host, '');
  const steal = stealLine(report);
  if (steal) out.push(steal, '');
  if (report.races?.length) {
    out.push(textTable(RACE_HEADER, raceRows(report)), '');
    for (const c of invariantsOf(report)) out.push(`${c.pass ? 'PASS' : 'FAIL'}  ${c.name}: ${c.measured} (expected ${c.target})`);
    for (const r of report.races.filter((x) => x.statements?.length)) out.push(`${r.scenario} @${r.dataset}: ${r.statements?.length} SQL statements per request`);
    out.push('');
  }
  for (const c of report.checks) out.push(`${c.pass ? 'PASS' : 'MISS'}  ${c.name}: ${c.measured} (target ${c.target})`);
  for (const p of report.plans) {
    out.push('', `EXPLAIN ${p.label}: ${fixed(p.executionMs, 2)} ms (planning ${fixed(p.planningMs, 2)} ms), Seq Scan on products: ${p.seqScanOnProducts ? 'YES' : 'no'}`);
    out.push(...p.nodes.map((n) => `    ${n}`));
  }
  return out.join('\n');
}

function markdownTable(header: string[], body: string[][]): string {
  return [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...body.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}

export function markdownReport(report: BenchReport, scenarioDescriptions: { name: string; description: string }[]): string {
  const m = report.machine;
  const host = hostSpeedLine(report.results);
  const steal = stealLine(report);
  return `# Benchmarks

Written by \`npm run bench\` (bench/run.ts); every run overwrites this file with its own figures.
The harness measures the app's startup (\`node dist/src/main.js\` until \`GET /health\` answers
200), then runs each load scenario with autocannon against the built app (production mode,
LOG_LEVEL=warn) and against a baseline: bare Fastify + a pg Pool (max 20) running exactly the
same SQL (bench/baseline-server.ts), so the "app/baseline" column is what the framework,
validation, auth and mapping cost. The catalog is measured at two sizes, each in its own
database of one embedded PostgreSQL with its own app and baseline, filled by the scale seed
(scripts/lib/scale-seed.ts). The load runs in ${report.rounds} rounds of ${report.roundSeconds} s (each after a
warm-up of 300 requests): a round runs every scenario at every size, one after the other, so
the two sizes and the scenarios a target compares are measured seconds apart in every round,
whatever the shared machine's speed does meanwhile. req/s, p50 and p99 are the medians of the
rounds; the last column gives each round's req/s and p99. Load generator, app, baseline and
PostgreSQL share the machine below, so absolute figures are modest; compare ratios. Where the
time goes (SQL per request, plans, CPU profiles) and what was done about it: docs/PERFORMANCE.md.

Machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB, Node ${m.node}. Run: ${m.date} (${fixed(report.durationMs / 1000, 0)} s;
${loadLine(m)}).

## Startup

| start | seconds | target |
|---|---|---|
| first: empty DATA_DIR, embedded PostgreSQL initdb + migrations + demo seed | ${fixed(report.startup.firstMs / 1000, 2)} | < 20 |
| second: same DATA_DIR | ${fixed(report.startup.secondMs / 1000, 2)} | < 4 |

## Seeding

${report.seeds.map((s) => `- @${s.dataset.label}: ${s.insertedProducts} products (with inventory, ledger, ~0.3 reviews each) in ${seconds(s.ms)}; ${s.dataset.products} active products in total`).join('\n')}

## Load

${markdownTable(HEADER, rows(report))}
${host ? `\n${host}\n` : ''}${steal ? `\n${steal}\n` : ''}
Scenarios:
${scenarioDescriptions.map((s) => `- \`${s.name}\`: ${s.description}`).join('\n')}

## Races

Scenarios of kind "race" (bench/scenarios/checkout.ts, bench/scenarios/booking.ts) fire one burst of concurrent requests
(all at once, or \`checkout.throughput\`: 20 in flight over distinct products), once, and check invariants in the database afterwards. "successes/s" is the
number of 201 answers divided by the wall time of the burst (first request sent to last answer);
p50 and p99 are over every request of the burst.

${report.races?.length ? markdownTable(RACE_HEADER, raceRows(report)) : '_No race scenario ran._'}

${invariantsOf(report).length ? markdownTable(['invariant', 'expected', 'measured', 'result'], invariantsOf(report).map((c) => [c.name, c.target, c.measured, c.pass ? 'PASS' : '**FAIL**'])) : ''}

${statementLists(report)}

## Targets

${markdownTable(['target', 'goal', 'measured', 'result'], report.checks.map((c) => [c.name, c.target, c.measured, c.pass ? 'pass' : '**missed**']))}

## Query plans (EXPLAIN ANALYZE, BUFFERS) at the largest size

${report.plans
  .map(
    (p) =>
      `**${p.label}**: ${fixed(p.executionMs, 2)} ms, planning ${fixed(p.planningMs, 2)} ms, buffers hit ${p.sharedHit} / read ${p.sharedRead}, Seq Scan on products: ${p.seqScanOnProducts ? '**yes**' : 'no'}\n\n\`\`\`\n${p.nodes.join('\n')}\n\`\`\``,
  )
  .join('\n\n')}
`;
}
