import { eventually } from '../support/process';
import { bearer, expectProblem, registerCustomer, startTestApp, TestApp } from '../support/test-app';

const METRICS_TOKEN = 'metrics-token-0123456789abcdef';

/** The value of one sample in Prometheus text (`name{labels} value`), or undefined when absent. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  const line = text
    .split('\n')
    .find((l) => l.startsWith(`${name}{`) || l.startsWith(`${name} `) ? Object.entries(labels).every(([k, v]) => l.includes(`${k}="${v}"`)) : false);
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
}

describe('operations: liveness, readiness, metrics', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ METRICS_TOKEN, CART_EXPIRY_INTERVAL_SECONDS: '1' });
  });
  afterAll(() => app?.stop());

  const scrape = async () => (await app.http().get('/metrics').set(bearer(METRICS_TOKEN)).expect(200)).text;

  it('tells liveness from readiness; /health stays the readiness check', async () => {
    expect((await app.http().get('/health/live').expect(200)).body).toEqual({ status: 'ok' });
    for (const path of ['/health/ready', '/health']) {
      const res = await app.http().get(path).expect(200);
      expect(res.body.details).toEqual({
        shutdown: expect.objectContaining({ status: 'up', draining: false }),
        database: expect.objectContaining({ status: 'up' }),
        migrations: expect.objectContaining({ status: 'up', pending: false }),
      });
    }
  });

  it('serves /metrics only with the METRICS_TOKEN, outside /api/v1 and outside the OpenAPI document', async () => {
    expectProblem(await app.http().get('/metrics'), 401);
    expectProblem(await app.http().get('/metrics').set(bearer('wrong-token-0123456789abcdef')), 401);
    const res = await app.http().get('/metrics').set(bearer(METRICS_TOKEN)).expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    expectProblem(await app.http().get('/api/v1/metrics'), 404);
    const doc = (await app.http().get('/docs-json').expect(200)).body as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/health', '/health/live', '/health/ready']));
    expect(Object.keys(doc.paths)).not.toContain('/metrics');
  });

  it('exposes process, HTTP, pool, outbox, job and idempotency series', async () => {
    const text = await scrape();
    for (const name of [
      'process_cpu_user_seconds_total',
      'process_resident_memory_bytes',
      'nodejs_eventloop_lag_seconds',
      'http_request_duration_seconds_bucket',
      'db_pool_connections_in_use',
      'db_pool_connections_idle',
      'db_pool_requests_waiting',
      'db_pool_connections_max',
      'outbox_unpublished_events',
      'outbox_oldest_unpublished_age_seconds',
      'idempotency_keys_in_progress',
    ]) {
      expect({ name, present: sample(text, name) !== undefined }).toEqual({ name, present: true });
    }
    expect(text).toContain('# TYPE job_runs_total counter');
    expect(text).toContain('# TYPE job_failures_total counter');
  });

  it('counts requests by route template and status', async () => {
    const labels = { method: 'GET', route: '/api/v1/products/:id', status_code: '404' };
    const before = sample(await scrape(), 'http_request_duration_seconds_count', labels) ?? 0;
    for (const id of ['7b0c9a52-3a41-4a5e-9b6a-0d6c1f0e2a11', '0f4f3c1e-1d7b-4c43-8d5e-51b1b6b0b7a2', '2d1e8f8a-6b0d-4a38-9f6f-2b8f2e1c9d33']) {
      await app.http().get(`/api/v1/products/${id}`).expect(404);
    }
    expect(sample(await scrape(), 'http_request_duration_seconds_count', labels)).toBe(before + 3);
  });

  it('reads the outbox backlog and idempotency keys from the shared tables, and counts job runs', async () => {
    await registerCustomer(app); // an event into the outbox, which nothing relays (no NATS_URL)
    const [{ backlog, oldest }] = (await app.db.query(`SELECT count(*)::int AS backlog, min(occurred_at) AS oldest FROM outbox WHERE published_at IS NULL`)).rows;
    const text = await scrape();
    expect(backlog).toBeGreaterThan(0);
    expect(sample(text, 'outbox_unpublished_events')).toBeGreaterThanOrEqual(backlog);
    expect(sample(text, 'outbox_oldest_unpublished_age_seconds')).toBeGreaterThan(0);
    expect(oldest).toBeInstanceOf(Date);
    const [{ running }] = (await app.db.query(`SELECT count(*)::int AS running FROM idempotency_keys WHERE status = 'in_progress'`)).rows;
    expect(sample(text, 'idempotency_keys_in_progress')).toBe(running);
    await eventually('the cart expiry job to have run', async () => (sample(await scrape(), 'job_runs_total', { job: 'expire-anonymous-carts' }) ?? 0) > 0);
    expect(sample(await scrape(), 'job_failures_total', { job: 'expire-anonymous-carts' }) ?? 0).toBe(0);
  });
});
