import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';
import type { HttpRequest, LoadResult, RequestSource } from '../scenario';

export interface LoadOptions {
  url: string;
  source: RequestSource;
  connections: number;
  durationSeconds?: number;
  /** Instead of a duration: stop after this many requests (used for warm-up). */
  amount?: number;
}

/** One autocannon run; every request is taken from `source`, so paths and bodies vary. */
export async function runLoad(options: LoadOptions): Promise<autocannon.Result> {
  const first = options.source();
  const toRequest = (r: HttpRequest): autocannon.Request => ({
    method: r.method ?? 'GET',
    path: r.path,
    headers: { accept: 'application/json', ...(r.body ? { 'content-type': 'application/json' } : {}), ...r.headers },
    body: r.body,
  });
  return autocannon({
    url: options.url,
    connections: options.connections,
    ...(options.amount ? { amount: options.amount } : { duration: options.durationSeconds ?? 10 }),
    timeout: 10,
    requests: [{ ...toRequest(first), setupRequest: (request) => ({ ...request, ...toRequest(options.source()) }) }],
  });
}

export function summarize(
  result: autocannon.Result,
  meta: Pick<LoadResult, 'scenario' | 'dataset' | 'server' | 'connections' | 'durationSeconds'>,
): LoadResult {
  return {
    ...meta,
    requests: result.requests.total,
    reqPerSec: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/** A scenario's figure on one server at one size: the median of its rounds (requests and failures summed). */
export function medianOfRounds(rounds: readonly LoadResult[]): LoadResult {
  const [first] = rounds;
  return {
    ...first,
    requests: rounds.reduce((n, r) => n + r.requests, 0),
    reqPerSec: median(rounds.map((r) => r.reqPerSec)),
    p50: median(rounds.map((r) => r.p50)),
    p99: median(rounds.map((r) => r.p99)),
    non2xx: rounds.reduce((n, r) => n + r.non2xx, 0),
    errors: rounds.reduce((n, r) => n + r.errors, 0),
    rounds: rounds.map(({ reqPerSec, p50, p99 }) => ({ reqPerSec, p50, p99 })),
  };
}

/** The machine's CPU time so far, in ticks, and the part of it stolen by the hypervisor (Linux /proc/stat). */
export function cpuTimes(): { total: number; steal: number } | undefined {
  try {
    const [, ...ticks] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).map(Number);
    // user nice system idle iowait irq softirq steal (guest time is already in user and nice)
    return { total: ticks.slice(0, 8).reduce((a, b) => a + b, 0), steal: ticks[7] ?? 0 };
  } catch {
    return undefined;
  }
}

/** The share of `before`..`after` that was stolen, in percent. */
export const stealPercent = (before?: ReturnType<typeof cpuTimes>, after?: ReturnType<typeof cpuTimes>): number | undefined =>
  before && after && after.total > before.total ? (100 * (after.steal - before.steal)) / (after.total - before.total) : undefined;
