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
