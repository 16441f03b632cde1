import { randomBytes } from 'node:crypto';
import type { BenchContext, Check, RaceResult } from '../scenario';

/** Small JSON client for setup and race requests (not for the autocannon loops). */
export interface ApiAnswer {
  status: number;
  body: unknown;
  /** Milliseconds from sending until the whole answer was read; -1 for network failures. */
  ms: number;
}

export async function api(ctx: BenchContext, method: string, path: string, token?: string, body?: unknown): Promise<ApiAnswer> {
  const began = performance.now();
  try {
    const res = await fetch(`${ctx.appUrl}/api/v1${path}`, {
      method,
      headers: { accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON; keep the text
    }
    return { status: res.status, body: parsed, ms: performance.now() - began };
  } catch (error) {
    return { status: 0, body: error instanceof Error ? error.message : String(error), ms: -1 };
  }
}

/** Like `api`, but throws unless the answer has the expected status. */
export async function must<T>(ctx: BenchContext, expected: number, method: string, path: string, token?: string, body?: unknown): Promise<T> {
  const res = await api(ctx, method, path, token, body);
  if (res.status !== expected) throw new Error(`${method} ${path} answered ${res.status} (expected ${expected}): ${JSON.stringify(res.body)}`);
  return res.body as T;
}

export const hex = (bytes = 4): string => randomBytes(bytes).toString('hex');

/** Registers `count` new customers through POST /auth/register, `batch` at a time; returns their access tokens. */
export async function registerCustomers(ctx: BenchContext, count: number, batch = 20): Promise<string[]> {
  const tokens: string[] = [];
  for (let i = 0; i < count; i += batch) {
    const size = Math.min(batch, count - i);
    const answers = await Promise.all(
      Array.from({ length: size }, () =>
        must<{ accessToken: string }>(ctx, 201, 'POST', '/auth/register', undefined, {
          email: `bench-${hex(6)}@example.com`,
          password: 'a long enough bench passphrase',
          fullName: 'Bench Customer',
        }),
      ),
    );
    tokens.push(...answers.map((a) => a.accessToken));
  }
  return tokens;
}

/** Creates a category and a product in it as the admin (or in the given category); returns the product id. */
export async function createProduct(ctx: BenchContext, initialStock: number, price = 1999, category?: string): Promise<string> {
  const slug = category ?? `bench-${hex()}`;
  if (!category) await must(ctx, 201, 'POST', '/categories', ctx.tokens.admin, { slug, name: `Bench ${slug}` });
  const product = await must<{ id: string }>(ctx, 201, 'POST', '/products', ctx.tokens.admin, { name: `Bench part ${hex()}`, price, category: slug, initialStock });
  return product.id;
}

/** Nearest-rank percentile of a list of milliseconds. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/** Status classes of a burst: "201", "409", "5xx", and anything else by its code ("error" for network failures). */
export function statusCounts(answers: readonly ApiAnswer[]): Record<string, number> {
  const counts: Record<string, number> = { '201': 0, '409': 0, '5xx': 0 };
  for (const a of answers) {
    const key = a.status === 0 ? 'error' : a.status >= 500 ? '5xx' : String(a.status);
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

/** Sends the requests with at most `concurrency` in flight, in order; answers in request order. */
async function pooled(requests: (() => Promise<ApiAnswer>)[], concurrency: number): Promise<ApiAnswer[]> {
  const answers: ApiAnswer[] = new Array<ApiAnswer>(requests.length);
  let next = 0;
  const worker = async () => {
    while (next < requests.length) {
      const i = next++;
      answers[i] = await requests[i]();
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, requests.length) }, worker));
  return answers;
}

/**
 * Fires every request at once (all started before any is awaited), or with at most
 * `meta.concurrency` in flight, and summarizes the burst. `invariants` is called after the last
 * answer, with the answers.
 */
export async function burst(
  ctx: BenchContext,
  meta: { scenario: string; unit: string; concurrency?: number },
  requests: (() => Promise<ApiAnswer>)[],
  invariants: (answers: readonly ApiAnswer[]) => Promise<Check[]>,
): Promise<RaceResult> {
  const began = performance.now();
  const answers = meta.concurrency ? await pooled(requests, meta.concurrency) : await Promise.all(requests.map((send) => send()));
  const wallMs = performance.now() - began;
  const statuses = statusCounts(answers);
  const latencies = answers.filter((a) => a.ms >= 0).map((a) => a.ms);
  return {
    scenario: meta.scenario,
    dataset: ctx.dataset.label,
    requests: requests.length,
    wallMs,
    successPerSec: statuses['201'] / (wallMs / 1000),
    unit: meta.unit,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    statuses,
    invariants: await invariants(answers),
  };
}

export const check = (name: string, target: string, measured: string | number, pass: boolean): Check => ({ name, target, measured: String(measured), pass });
