import { Client } from 'pg';
import { createCategory, createProduct } from '../support/catalog';
import { ADDRESS, addToCart, checkout, SHIPPING_METHOD } from '../support/orders';
import { eventually, exitOf } from '../support/process';
import { ADMIN, expectProblem, login, startTestApp, TestApp } from '../support/test-app';

const IN_FLIGHT = 30;

/**
 * SIGTERM while checkouts are running: they are held on a row lock the test takes, so they are
 * certainly in flight when the signal arrives, without depending on timing.
 */
describe('graceful shutdown on SIGTERM', () => {
  let app: TestApp;
  let lock: Client | undefined;

  beforeAll(async () => {
    app = await startTestApp({ DATABASE_POOL_SIZE: String(IN_FLIGHT + 10), LOGIN_THROTTLE_IP_LIMIT: '1000' });
  });
  afterAll(async () => {
    await lock?.end().catch(() => undefined);
    await app?.stop();
  });

  it('answers every in-flight checkout, reports not ready while draining, refuses new work with 503, exits 0', async () => {
    const admin = await login(app, ADMIN);
    const category = await createCategory(app, admin, 'shutdown');
    const product = await createProduct(app, admin, { name: 'Drain Valve', price: 1250, category, initialStock: 100 });
    const carts: string[] = [];
    for (let i = 0; i < IN_FLIGHT; i += 1) carts.push((await addToCart(app, {}, product.id, 1)).cartToken);

    lock = new Client({ connectionString: app.databaseUrl });
    await lock.connect();
    await lock.query('BEGIN');
    await lock.query('SELECT 1 FROM inventory WHERE product_id = $1 FOR UPDATE', [product.id]);

    const answers = carts.map((token, i) =>
      checkout(app, { 'X-Cart-Token': token }, { email: `drain-${i}@example.com`, shippingAddress: ADDRESS, shippingMethod: SHIPPING_METHOD }).then(
        (res) => res,
        (error: Error) => ({ status: 0, error: error.message }),
      ),
    );
    const waiting = async () => {
      const { rows } = await app.db.query(
        `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
      );
      return rows[0].n === IN_FLIGHT;
    };
    await eventually(`${IN_FLIGHT} checkouts waiting on the stock row`, waiting);

    app.child.kill('SIGTERM');
    await eventually('the app to start draining', () => app.output().includes('SIGTERM received: draining'));

    const ready = await app.http().get('/health/ready');
    expect(ready.status).toBe(503);
    expect(ready.text).toContain('draining');
    await app.http().get('/health/live').expect(200);
    const refused = await app.http().get('/api/v1/products');
    expectProblem(refused, 503);
    expect(refused.body.code).toBe('service.unavailable');
    expect(refused.headers['retry-after']).toMatch(/^\d+$/);
    expect(app.child.exitCode).toBeNull();

    await lock.query('COMMIT');
    const results = await Promise.all(answers);
    expect(results.map((r) => r.status)).toEqual(Array(IN_FLIGHT).fill(201));
    expect(await exitOf(app.child)).toEqual({ code: 0, signal: null });
    const { rows } = await app.db.query('SELECT count(*)::int AS n FROM order_items WHERE product_id = $1', [product.id]);
    expect(rows[0].n).toBe(IN_FLIGHT);
    expect(app.output()).toContain('stopped (exit code 0)');
  });
});
