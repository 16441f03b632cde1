import { Client } from 'pg';
import { booked, createTechnician, dateAhead, freshService, hoursOn, at, pay } from '../support/booking-fixtures';
import { createCategory, createProduct } from '../support/catalog';
import { confirm, countRows, createIntent, eventually, getOrder, OrderBody, placeOrder } from '../support/orders';
import { ADMIN, bearer, expectProblem, login, registerCustomer, startTestApp, TestApp } from '../support/test-app';

const LATENCY_MS = 2500;

/** Row locks on the order and its payments can be taken at once: nobody holds them. */
async function rowsUnlocked(app: TestApp, orderId: string): Promise<boolean> {
  const client = new Client({ connectionString: app.databaseUrl });
  await client.connect();
  try {
    await client.query('BEGIN');
    await client.query(`SELECT id FROM orders WHERE id = $1 FOR UPDATE NOWAIT`, [orderId]);
    await client.query(`SELECT id FROM payments WHERE order_id = $1 FOR UPDATE NOWAIT`, [orderId]);
    await client.query('ROLLBACK');
    return true;
  } catch {
    return false;
  } finally {
    await client.end();
  }
}

const openTransactions = async (app: TestApp) =>
  countRows(app, `pg_stat_activity WHERE datname = current_database() AND state LIKE 'idle in transaction%' AND pid <> pg_backend_pid()`);

const paymentRow = async (app: TestApp, orderId: string) =>
  (await app.db.query(`SELECT id, status, amount::int, amount_refunded::int, amount_refund_pending::int FROM payments WHERE order_id = $1 ORDER BY created_at DESC`, [orderId]))
    .rows as { id: string; status: string; amount: number; amount_refunded: number; amount_refund_pending: number }[];

const providerCalls = async (app: TestApp, paymentId: string) =>
  (
    await app.db.query(
      `SELECT l.record->>'kind' AS kind FROM test_provider_ledger l JOIN payments p ON p.provider_payment_id = l.provider_payment_id WHERE p.id = $1 ORDER BY l.created_at`,
      [paymentId],
    )
  ).rows.map((r) => r.kind as string);

describe('payments: the provider is called outside transactions and settled by reconciliation when it does not answer', () => {
  describe('a slow provider whose confirmations and refunds time out', () => {
    let app: TestApp;
    let admin: string;
    let productId: string;

    beforeAll(async () => {
      app = await startTestApp({
        TEST_PROVIDER_LATENCY_MS: String(LATENCY_MS),
        TEST_PROVIDER_TIMEOUTS: 'confirm,refund',
        PAYMENT_RECONCILE_INTERVAL_SECONDS: '1',
        PAYMENT_RECONCILE_AFTER_SECONDS: '1',
      });
      admin = await login(app, ADMIN);
      const category = await createCategory(app, admin, 'slow-provider');
      productId = (await createProduct(app, admin, { name: 'Slow Pump', price: 3000, category, initialStock: 20 })).id;
    });
    afterAll(() => app?.stop());

    it('holds no lock while the provider is asked; the timed-out capture and refund are settled once each', async () => {
      const customer = await registerCustomer(app);
      const auth = bearer(customer.token);
      const order = await placeOrder(app, customer.token, productId, 1);
      const intent = await createIntent(app, auth, order.id).expect(200);

      const confirming = confirm(app, auth, intent.body.id).then((res) => res);
      await eventually(async () => ((await paymentRow(app, order.id))[0].status === 'processing' ? true : undefined));
      // while the provider call runs: order and payment rows are free, no transaction is open, reads answer
      const duringCall = { unlocked: await rowsUnlocked(app, order.id), open: await openTransactions(app), read: (await getOrder(app, auth, order.id)).status };
      const stillInCall = (await providerCalls(app, intent.body.id)).length === 0;
      expect(duringCall).toEqual({ unlocked: true, open: 0, read: 'pending' });
      expect(stillInCall).toBe(true); // the checks above ran while the call was in flight

      const answered = await confirming;
      expect(answered.status).toBe(200);
      expect(answered.body.status).toBe('processing'); // the provider did not answer in time
      await eventually(async () => ((await getOrder(app, auth, order.id)).status === 'paid' ? true : undefined), 30_000);
      expect((await paymentRow(app, order.id))[0]).toEqual(expect.objectContaining({ status: 'succeeded', amount_refunded: 0 }));

      // cancelling requests the refund in the transaction; the provider is asked after commit, times out, reconciliation settles it
      await app.http().post(`/api/v1/orders/${order.id}/cancel`).set(auth).send({}).expect(200);
      await eventually(async () => ((await paymentRow(app, order.id))[0].status === 'refunded' ? true : undefined), 30_000);
      expect((await paymentRow(app, order.id))[0]).toEqual(expect.objectContaining({ amount: 3000, amount_refunded: 3000, amount_refund_pending: 0 }));
      expect(await providerCalls(app, intent.body.id)).toEqual(['confirm', 'refund']);
      expect(await countRows(app, `refunds WHERE payment_id = $1`, [intent.body.id])).toBe(1);
      expect(await countRows(app, `payment_operations WHERE payment_id = $1 AND status = 'pending'`, [intent.body.id])).toBe(0);
    }, 120_000);

    it('a capture that lands after the order was cancelled ends refunded: never kept, never refunded twice', async () => {
      const customer = await registerCustomer(app);
      const auth = bearer(customer.token);
      const order = await placeOrder(app, customer.token, productId, 1);
      const intent = await createIntent(app, auth, order.id).expect(200);
      const confirming = confirm(app, auth, intent.body.id).then((res) => res);
      await eventually(async () => ((await paymentRow(app, order.id))[0].status === 'processing' ? true : undefined));
      const cancelled = await app.http().post(`/api/v1/orders/${order.id}/cancel`).set(auth).send({});
      expect(cancelled.status).toBe(200);
      expect((await confirming).status).toBe(200);
      await eventually(async () => ((await paymentRow(app, order.id))[0].status === 'refunded' ? true : undefined), 30_000);
      expect((await getOrder(app, auth, order.id) as OrderBody).status).toBe('cancelled');
      expect((await paymentRow(app, order.id))[0]).toEqual(expect.objectContaining({ amount_refunded: 3000, amount_refund_pending: 0 }));
      expect(await providerCalls(app, intent.body.id)).toEqual(['confirm', 'refund']);
    }, 120_000);
  });

  describe('a handler failing after the refund was requested', () => {
    let app: TestApp;
    let admin: string;

    beforeAll(async () => {
      app = await startTestApp({ LOGIN_THROTTLE_IP_LIMIT: '1000' });
      admin = await login(app, ADMIN);
    });
    afterAll(() => app?.stop());

    it('rolls the cancellation back and no refund reaches the provider', async () => {
      const service = await freshService(app, admin, 60, 7000);
      const date = dateAhead(3, 'wed');
      await createTechnician(app, admin, { skills: [service.serviceType], workingHours: hoursOn(date, '09:00', '12:00') });
      const customer = await registerCustomer(app);
      const booking = await booked(app, customer.token, { serviceId: service.id, start: at(date, '09:00') });
      const paymentId = await pay(app, customer.token, booking.orderId);
      // cancelling the visit is the handler after the refund request on OrderCancelled: make it fail
      await app.db.query(`
        CREATE FUNCTION refuse_visit_cancel() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'visit cancellation refused (test)'; END $$;
        CREATE TRIGGER refuse_visit_cancel BEFORE UPDATE ON bookings FOR EACH ROW WHEN (NEW.status = 'cancelled') EXECUTE FUNCTION refuse_visit_cancel();`);
      try {
        const res = await app.http().post(`/api/v1/orders/${booking.orderId}/cancel`).set(bearer(admin)).send({});
        expect(res.status).toBe(500);
      } finally {
        await app.db.query(`DROP TRIGGER refuse_visit_cancel ON bookings; DROP FUNCTION refuse_visit_cancel();`);
      }
      expect((await getOrder(app, bearer(customer.token), booking.orderId)).status).toBe('paid');
      expect((await app.db.query(`SELECT status, amount_refunded::int, amount_refund_pending::int FROM payments WHERE id = $1`, [paymentId])).rows[0]).toEqual({
        status: 'succeeded',
        amount_refunded: 0,
        amount_refund_pending: 0,
      });
      expect(await countRows(app, `payment_operations WHERE payment_id = $1 AND kind = 'refund'`, [paymentId])).toBe(0);
      expect(await providerCalls(app, paymentId)).toEqual(['confirm']);

      // without the fault the same cancellation refunds once
      await app.http().post(`/api/v1/orders/${booking.orderId}/cancel`).set(bearer(admin)).send({}).expect(200);
      expect(await providerCalls(app, paymentId)).toEqual(['confirm', 'refund']);
      expect((await app.db.query(`SELECT status FROM payments WHERE id = $1`, [paymentId])).rows[0].status).toBe('refunded');
    }, 120_000);

    it('lists a refund the provider keeps failing as failed, then dead, for admins', async () => {
      // refunds time out and nothing reconciles them: the side effect retries, then gives up
      await app.restart({ LOGIN_THROTTLE_IP_LIMIT: '1000', TEST_PROVIDER_TIMEOUTS: 'refund', PAYMENT_RECONCILE_INTERVAL_SECONDS: '0', SIDE_EFFECT_MAX_ATTEMPTS: '2' });
      admin = await login(app, ADMIN);
      const category = await createCategory(app, admin, 'dead-refunds');
      const product = await createProduct(app, admin, { name: 'Refused Pump', price: 1500, category, initialStock: 5 });
      const customer = await registerCustomer(app);
      const order = await placeOrder(app, customer.token, product.id, 1);
      const paymentId = await pay(app, customer.token, order.id);
      await app.http().post(`/api/v1/orders/${order.id}/cancel`).set(bearer(customer.token)).send({}).expect(200);

      const list = async (state: string) =>
        (await app.http().get(`/api/v1/admin/side-effects?state=${state}`).set(bearer(admin)).expect(200)).body as {
          items: { aggregateId: string; eventName: string; consumer: string; state: string; attempts: number; lastError: string | null }[];
          total: number;
        };
      const failed = (await list('failed')).items.filter((i) => i.aggregateId === paymentId);
      expect(failed).toEqual([expect.objectContaining({ eventName: 'RefundRequested', consumer: 'payment.make-refund', state: 'failed', attempts: 1 })]);
      expect(failed[0].lastError).toMatch(/not answered/);
      const dead = await eventually(async () => {
        const items = (await list('dead')).items.filter((i) => i.aggregateId === paymentId);
        return items.length ? items : undefined;
      }, 30_000);
      expect(dead).toEqual([expect.objectContaining({ state: 'dead', attempts: 2 })]);
      // the refund is still reserved, not lost: the payment shows it pending
      expect((await app.db.query(`SELECT amount_refund_pending::int AS pending FROM payments WHERE id = $1`, [paymentId])).rows[0].pending).toBe(1500);
      expectProblem(await app.http().get('/api/v1/admin/side-effects').set(bearer(customer.token)), 403);
      expectProblem(await app.http().get('/api/v1/admin/side-effects?state=lost').set(bearer(admin)), 400);
    }, 120_000);
  });
});
