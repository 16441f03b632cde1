import { createCategory, createProduct, fieldsOf } from '../support/catalog';
import {
  ADDRESS,
  addToCart,
  applyCode,
  checkout,
  confirm,
  countRows,
  createDiscount,
  createIntent,
  eventually,
  getOrder,
  historyOf,
  inventoryOf,
  ledgerOf,
  movementsOfOrder,
  OrderBody,
  payOrder,
  placeOrder,
  SHIPPING_METHOD,
} from '../support/orders';
import { ADMIN, bearer, expectProblem, login, registerCustomer, startTestApp, TestApp } from '../support/test-app';

describe('orders: unpaid-order expiry and Idempotency-Key', () => {
  let app: TestApp;
  let admin: string;
  let category: string;

  beforeAll(async () => {
    // the jobs run every second; only orders older than the 30-minute payment timeout expire
    app = await startTestApp({ ORDER_EXPIRY_INTERVAL_SECONDS: '1', ORDER_PAYMENT_TIMEOUT_MINUTES: '30', IDEMPOTENCY_CLEANUP_INTERVAL_SECONDS: '1' });
    admin = await login(app, ADMIN);
    category = await createCategory(app, admin, 'expiry-parts');
  });
  afterAll(() => app?.stop());

  const product = (name: string, initialStock = 10, price = 1000) => createProduct(app, admin, { name, price, category, initialStock });
  const backdate = (orderId: string, interval: string) => app.db.query(`UPDATE orders SET created_at = now() - $2::interval WHERE id = $1`, [orderId, interval]);
  const statusInDb = async (orderId: string) => (await app.db.query(`SELECT status FROM orders WHERE id = $1`, [orderId])).rows[0].status as string;

  describe('the expiry job', () => {
    it('cancels stale unpaid orders with a history note, releasing their stock, closing their intent and giving their code back', async () => {
      const p = await product('Expiring Pump', 10);
      const discount = await createDiscount(app, admin, { type: 'fixed', value: 100, maxUses: 10 });
      const stale = await registerCustomer(app);
      await addToCart(app, bearer(stale.token), p.id, 3);
      await applyCode(app, bearer(stale.token), discount.code);
      const staleOrder = (await checkout(app, bearer(stale.token)).expect(201)).body as OrderBody;
      const intent = await createIntent(app, bearer(stale.token), staleOrder.id).expect(200);
      const fresh = await registerCustomer(app);
      const freshOrder = await placeOrder(app, fresh.token, p.id, 2);
      const paidLongAgo = await placeOrder(app, fresh.token, p.id, 1);
      await payOrder(app, bearer(fresh.token), paidLongAgo.id);
      const nearlyDue = await placeOrder(app, fresh.token, p.id, 1);
      expect(await inventoryOf(app, admin, p.id)).toEqual({ productId: p.id, onHand: 10, reserved: 7, available: 3 });
      expect((await app.http().get(`/api/v1/admin/discounts/${discount.id}`).set(bearer(admin)).expect(200)).body.timesUsed).toBe(1);

      await backdate(staleOrder.id, '2 hours');
      await backdate(paidLongAgo.id, '2 hours');
      await backdate(nearlyDue.id, '25 minutes'); // just inside the 30-minute payment timeout
      await eventually(async () => ((await statusInDb(staleOrder.id)) === 'cancelled' ? true : undefined), 10_000);

      const history = await historyOf(app, bearer(stale.token), staleOrder.id);
      expect(history.map((h) => [h.from, h.to, h.actorRole, h.actorId, h.note])).toEqual([
        [null, 'pending', 'customer', stale.id, null],
        ['pending', 'cancelled', 'system', null, 'payment not received in time'],
      ]);
      expect((await movementsOfOrder(app, staleOrder.id)).map((m) => [m.reason, m.reserved_delta])).toEqual([
        ['reservation', 3],
        ['release', -3],
      ]);
      expect(await inventoryOf(app, admin, p.id)).toEqual({ productId: p.id, onHand: 10, reserved: 4, available: 6 });
      expect(await ledgerOf(app, p.id)).toEqual({ on_hand: 10, reserved: 4, on_hand_sum: 10, reserved_sum: 4 });
      expect((await app.db.query(`SELECT status, failure_reason FROM payments WHERE id = $1`, [intent.body.id])).rows[0]).toEqual({
        status: 'failed',
        failure_reason: 'order_cancelled',
      });
      expect((await app.http().get(`/api/v1/admin/discounts/${discount.id}`).set(bearer(admin)).expect(200)).body.timesUsed).toBe(0);

      // a late payment attempt for it is refused
      const late = await confirm(app, bearer(stale.token), intent.body.id);
      expectProblem(late, 409);
      expect(late.body).toEqual(expect.objectContaining({ code: 'order.not_payable', orderStatus: 'cancelled' }));

      // several more runs later: the fresh and the nearly due pending orders and the old paid one
      // are untouched, nothing is released twice
      await new Promise((r) => setTimeout(r, 2500));
      expect((await getOrder(app, bearer(fresh.token), freshOrder.id)).status).toBe('pending');
      expect(await statusInDb(nearlyDue.id)).toBe('pending');
      expect((await getOrder(app, bearer(fresh.token), paidLongAgo.id)).status).toBe('paid');
      expect(await historyOf(app, bearer(stale.token), staleOrder.id)).toHaveLength(2);
      expect(await inventoryOf(app, admin, p.id)).toEqual({ productId: p.id, onHand: 10, reserved: 4, available: 6 });
    });
  });

  describe('Idempotency-Key on POST /orders', () => {
    it('replays the first order for the same key and body, creating no second one; another body is 422', async () => {
      const p = await product('Idem Pump', 10, 2500);
      const customer = await registerCustomer(app);
      const auth = bearer(customer.token);
      await addToCart(app, auth, p.id, 2);
      const key = `order-${customer.id}`;
      const body = { shippingAddress: ADDRESS, shippingMethod: SHIPPING_METHOD };

      const first = await app.http().post('/api/v1/orders').set(auth).set('Idempotency-Key', key).send(body).expect(201);
      expect(first.headers['idempotent-replayed']).toBeUndefined();
      // the same body with its keys in another order is the same request
      const reordered = { shippingAddress: Object.fromEntries(Object.entries(ADDRESS).reverse()), shippingMethod: SHIPPING_METHOD };
      for (const again of [body, reordered]) {
        const replay = await app.http().post('/api/v1/orders').set(auth).set('Idempotency-Key', key).send(again);
        expect(replay.status).toBe(201);
        expect(replay.headers['idempotent-replayed']).toBe('true');
        expect(replay.body).toEqual(first.body);
      }
      expect(await countRows(app, 'orders WHERE user_id = $1', [customer.id])).toBe(1);
      expect(await inventoryOf(app, admin, p.id)).toEqual({ productId: p.id, onHand: 10, reserved: 2, available: 8 });

      const other = await app
        .http()
        .post('/api/v1/orders')
        .set(auth)
        .set('Idempotency-Key', key)
        .send({ shippingAddress: { ...ADDRESS, city: 'Leeds' }, shippingMethod: SHIPPING_METHOD });
      expectProblem(other, 422);
      expect(other.body.code).toBe('idempotency.key_reused');
      expect(await countRows(app, 'orders WHERE user_id = $1', [customer.id])).toBe(1);

      // keys belong to their caller: another customer's identical key is theirs alone
      const someoneElse = await registerCustomer(app);
      await addToCart(app, bearer(someoneElse.token), p.id, 1);
      const theirs = await app.http().post('/api/v1/orders').set(bearer(someoneElse.token)).set('Idempotency-Key', key).send(body).expect(201);
      expect(theirs.body.id).not.toBe(first.body.id);
      expect(theirs.headers['idempotent-replayed']).toBeUndefined();
    });

    it('lets parallel requests with one key create one order', async () => {
      const p = await product('Idem Parallel', 10);
      const customer = await registerCustomer(app);
      const auth = bearer(customer.token);
      await addToCart(app, auth, p.id, 1);
      const results = await Promise.all(
        Array.from({ length: 5 }, () => app.http().post('/api/v1/orders').set(auth).set('Idempotency-Key', 'parallel-key').send({ shippingAddress: ADDRESS, shippingMethod: SHIPPING_METHOD })),
      );
      const codes = results.map((r) => r.status);
      expect(codes.filter((s) => s !== 201 && s !== 409)).toEqual([]);
      const created = results.filter((r) => r.status === 201);
      expect(created.length).toBeGreaterThanOrEqual(1);
      expect(new Set(created.map((r) => r.body.id)).size).toBe(1);
      for (const res of results.filter((r) => r.status === 409)) expect(res.body.code).toBe('idempotency.in_progress');
      expect(await countRows(app, 'orders WHERE user_id = $1', [customer.id])).toBe(1);
      expect((await inventoryOf(app, admin, p.id)).reserved).toBe(1);
    });

    it('does not store a 409, so the same key may be retried once the stock is back', async () => {
      const p = await product('Idem Restock', 1);
      const customer = await registerCustomer(app);
      const auth = bearer(customer.token);
      await addToCart(app, auth, p.id, 1);
      const rival = await registerCustomer(app);
      await placeOrder(app, rival.token, p.id, 1);

      const refused = await app.http().post('/api/v1/orders').set(auth).set('Idempotency-Key', 'retry-me').send({ shippingAddress: ADDRESS, shippingMethod: SHIPPING_METHOD });
      expectProblem(refused, 409);
      expect(refused.body.code).toBe('stock.insufficient');
      await app.http().post(`/api/v1/products/${p.id}/inventory/adjustments`).set(bearer(admin)).send({ delta: 1, reason: 'restock' }).expect(201);
      const retried = await app.http().post('/api/v1/orders').set(auth).set('Idempotency-Key', 'retry-me').send({ shippingAddress: ADDRESS, shippingMethod: SHIPPING_METHOD }).expect(201);
      expect(retried.headers['idempotent-replayed']).toBeUndefined();
      expect(await countRows(app, 'orders WHERE user_id = $1', [customer.id])).toBe(1);
    });

    it('scopes a guest key to the cart token and replays the access token with the order', async () => {
      const p = await product('Idem Guest', 5);
      const { cartToken } = await addToCart(app, {}, p.id, 1);
      const send = () =>
        app.http().post('/api/v1/orders').set('X-Cart-Token', cartToken).set('Idempotency-Key', 'guest-key').send({ email: 'idem@example.com', shippingAddress: ADDRESS, shippingMethod: SHIPPING_METHOD });
      const first = await send().expect(201);
      const replay = await send().expect(201);
      expect(replay.headers['idempotent-replayed']).toBe('true');
      expect(replay.body.id).toBe(first.body.id);
      expect(replay.body.accessToken).toBe(first.body.accessToken);
      expect(await countRows(app, `orders WHERE guest_email = 'idem@example.com'`)).toBe(1);
    });

    it.each([
      ['longer than 255 characters', 'k'.repeat(256)],
      ['containing a space', 'my key'],
    ])('refuses a key %s with 400 naming the header', async (_label, key) => {
      const customer = await registerCustomer(app);
      const res = await app.http().post('/api/v1/orders').set(bearer(customer.token)).set('Idempotency-Key', key).send({ shippingAddress: ADDRESS, shippingMethod: SHIPPING_METHOD });
      expectProblem(res, 400);
      expect(fieldsOf(res.body)).toEqual(['Idempotency-Key']);
    });

    it('forgets keys after their retention: the cleanup job deletes them', async () => {
      const customer = await registerCustomer(app);
      const scope = `user:${customer.id}`;
      const first = await app.http().post('/api/v1/orders').set(bearer(customer.token)).set('Idempotency-Key', 'short-lived').send({ shippingAddress: ADDRESS, shippingMethod: SHIPPING_METHOD });
      expectProblem(first, 422); // an empty cart: a final answer, stored
      expect(await countRows(app, 'idempotency_keys WHERE scope = $1 AND key = $2', [scope, 'short-lived'])).toBe(1);
      await app.db.query(`UPDATE idempotency_keys SET expires_at = now() - interval '1 minute' WHERE scope = $1`, [scope]);
      await eventually(async () => ((await countRows(app, 'idempotency_keys WHERE scope = $1', [scope])) === 0 ? true : undefined), 10_000);
    });
  });

  describe('Idempotency-Key on payments', () => {
    it('replays create-intent and confirm for the same key and body; another body is 422 and nothing is captured twice', async () => {
      const p = await product('Idem Pay', 10, 3000);
      const customer = await registerCustomer(app);
      const auth = bearer(customer.token);
      const order = await placeOrder(app, customer.token, p.id, 1);

      const intentOf = () => app.http().post('/api/v1/payments/create-intent').set(auth).set('Idempotency-Key', 'intent-1').send({ orderId: order.id });
      const intent = await intentOf().expect(200);
      const intentReplay = await intentOf().expect(200);
      expect(intentReplay.headers['idempotent-replayed']).toBe('true');
      expect(intentReplay.body).toEqual(intent.body);

      const confirmWith = (paymentMethod: string) =>
        app.http().post('/api/v1/payments/confirm').set(auth).set('Idempotency-Key', 'confirm-1').send({ paymentId: intent.body.id, paymentMethod });
      const paid = await confirmWith('pm_card_visa').expect(200);
      expect(paid.body.status).toBe('succeeded');
      const replay = await confirmWith('pm_card_visa');
      expect(replay.status).toBe(200);
      expect(replay.headers['idempotent-replayed']).toBe('true');
      expect(replay.body).toEqual(paid.body);

      const other = await confirmWith('pm_card_mastercard');
      expectProblem(other, 422);
      expect(other.body.code).toBe('idempotency.key_reused');
      expect((await app.db.query(`SELECT status, payment_method FROM payments WHERE order_id = $1`, [order.id])).rows).toEqual([
        { status: 'succeeded', payment_method: 'pm_card_visa' },
      ]);
      expect((await historyOf(app, auth, order.id)).filter((h) => h.to === 'paid')).toHaveLength(1);
      // without the key, a second confirm is an honest 409
      expectProblem(await confirm(app, auth, intent.body.id), 409);
    });
  });
});
