import { createCategory, createProduct } from '../support/catalog';
import { PrivatePostgres, startPrivatePostgres } from '../support/private-postgres';
import { eventually } from '../support/process';
import { ADMIN, login, startTestApp, TestApp } from '../support/test-app';

interface Answer {
  phase: 'before' | 'down' | 'after';
  status: number;
  code?: string;
  retryAfter?: string;
  contentType?: string;
}

/**
 * PostgreSQL stopped and started again under load, on a cluster of the test's own: requests
 * during the outage get a 503 problem with Retry-After (never a 500), and the same app process
 * serves again once the server is back.
 */
describe('database outage under load', () => {
  let pg: PrivatePostgres;
  let app: TestApp;

  beforeAll(async () => {
    pg = await startPrivatePostgres();
    app = await startTestApp({ DATABASE_URL: await pg.createDatabase('outage'), DATABASE_CONNECT_TIMEOUT_MS: '2000' });
  });
  afterAll(async () => {
    await app?.stop();
    await pg?.destroy();
  });

  it('answers 503 with Retry-After while the database is down and recovers without a restart', async () => {
    const token = await login(app, ADMIN);
    const category = await createCategory(app, token, 'outage');
    const product = await createProduct(app, token, { name: 'Outage Fuse', price: 300, category, initialStock: 1000 });

    const answers: Answer[] = [];
    let phase: Answer['phase'] = 'before';
    let loading = true;
    const record = (res: { status: number; body: { code?: string }; headers: Record<string, string> }) =>
      answers.push({ phase, status: res.status, code: res.body?.code, retryAfter: res.headers['retry-after'], contentType: res.headers['content-type'] });
    const client = async (n: number) => {
      while (loading) {
        // reads and writes (an anonymous cart line is a transaction)
        const res =
          n % 2 === 0
            ? await app.http().get(`/api/v1/products?category=${category}`)
            : await app.http().post('/api/v1/cart/items').send({ productId: product.id, quantity: 1 });
        record(res);
      }
    };
    const load = [0, 1, 2, 3].map(client);
    const seen = (p: Answer['phase'], ok: (a: Answer) => boolean) => answers.filter((a) => a.phase === p && ok(a)).length;

    await eventually('answers before the outage', () => seen('before', (a) => a.status < 300) >= 20);
    await pg.stop();
    phase = 'down';
    await eventually('503s during the outage', () => seen('down', (a) => a.status === 503) >= 20);
    const ready = await app.http().get('/health/ready');
    expect(ready.status).toBe(503);
    await pg.start();
    phase = 'after';
    await eventually('answers after the restart', () => seen('after', (a) => a.status < 300) >= 20);
    loading = false;
    await Promise.all(load);

    const tally = (p: Answer['phase']) =>
      answers.filter((a) => a.phase === p).reduce<Record<number, number>>((t, a) => ({ ...t, [a.status]: (t[a.status] ?? 0) + 1 }), {});
    // The figures of the run, for the record (not asserted beyond what follows).
    console.info(`answers by status: before ${JSON.stringify(tally('before'))}, down ${JSON.stringify(tally('down'))}, after ${JSON.stringify(tally('after'))}`);
    // On failure, the app's own account of each 500 is in the message.
    const unexpected = answers.filter((a) => a.status >= 500 && a.status !== 503);
    expect({ unexpected, log: unexpected.length ? app.output().split('\n').filter((l) => l.includes('unhandled error')) : [] }).toEqual({ unexpected: [], log: [] });
    for (const unavailable of answers.filter((a) => a.status === 503)) {
      expect(unavailable).toEqual(expect.objectContaining({ code: 'service.unavailable', retryAfter: expect.stringMatching(/^\d+$/) }));
      expect(unavailable.contentType).toMatch(/^application\/problem\+json/);
    }
    expect(app.child.exitCode).toBeNull();
    await app.http().get('/health/ready').expect(200);
  });
});
