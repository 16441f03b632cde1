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
  getOrder,
  historyOf,
  inventoryOf,
  ledgerOf,
  movementsOfOrder,
  OrderBody,
  payOrder,
  placeOrder,
  setStatus,
  SHIPPING_METHOD,
} from '../support/orders';
import { ADMIN, bearer, expectProblem, login, registerCustomer, startTestApp, TECHNICIAN, TestApp } from '../support/test-app';

describe('orders: ownership, the status machine and cancellation', () => {
  let app: TestApp;
  let admin: string;
  let adminId: string;
  let category: string;

  beforeAll(async () => {
    app = await startTestApp();
    admin = await login(app, ADMIN);
    adminId = (await app.http().get('/api/v1/users/me').set(bearer(admin)).expect(200)).body.id;
    category = await createCategory(app, admin, 'state-parts');
  });
  afterAll(() => app?.stop());

  const product = (name: string, initialStock = 10, price = 1000) => createProduct(app, admin, { name, price, category, initialStock });

  describe("another customer's order", () => {
    let owner: { token: string; id: string };
    let stranger: { token: string; id: string };
    let order: OrderBody;
    let paymentId: string;
    let productId: string;

    beforeAll(async () => {
      productId = (await product('Owned Pump', 10)).id;
      owner = await registerCustomer(app);
      stranger = await registerCustomer(app);
      order = await placeOrder(app, owner.token, productId, 2);
      paymentId = (await createIntent(app, bearer(owner.token), order.id).expect(200)).body.id;
    });

    it('is "not found" for every read and write a stranger tries, and nothing changes', async () => {
      const as = bearer(stranger.token);
      const attempts = [
        app.http().get(`/api/v1/orders/${order.id}`).set(as),
        app.http().get(`/api/v1/orders/${order.id}/history`).set(as),
        app.http().post(`/api/v1/orders/${order.id}/cancel`).set(as).send({}),
        app.http().post(`/api/v1/orders/${order.id}/items`).set(as).send({ items: [{ productId, quantity: 1 }] }),
        createIntent(app, as, order.id),
        confirm(app, as, paymentId),
        app.http().get(`/api/v1/payments/${paymentId}`).set(as),
      ];
      for (const res of await Promise.all(attempts)) {
        expectProblem(res, 404);
        expect(['order.not_found', 'payment.not_found']).toContain(res.body.code);
      }
      // anonymous callers and technicians are strangers too
      expectProblem(await app.http().get(`/api/v1/orders/${order.id}`), 404);
      const technician = await login(app, TECHNICIAN);
      expectProblem(await app.http().get(`/api/v1/orders/${order.id}`).set(bearer(technician)), 404);
      expectProblem(await app.http().post(`/api/v1/orders/${order.id}/cancel`).set(bearer(technician)).send({}), 404);

      const unchanged = await getOrder(app, bearer(owner.token), order.id);
      expect(unchanged).toEqual(expect.objectContaining({ status: 'pending', total: 2000 }));
      expect(unchanged.items.map((i) => i.quantity)).toEqual([2]);
      expect(await countRows(app, 'payments WHERE order_id = $1', [order.id])).toBe(1);
      expect((await app.db.query(`SELECT status FROM payments WHERE id = $1`, [paymentId])).rows[0].status).toBe('requires_confirmation');
      expect((await inventoryOf(app, admin, productId)).reserved).toBe(2);
      expect(await historyOf(app, bearer(owner.token), order.id)).toHaveLength(1);
    });

    it('lists only your own orders; admins see all and may filter by customer and status', async () => {
      const mine = await app.http().get('/api/v1/orders').set(bearer(stranger.token)).expect(200);
      expect(mine.body).toEqual({ items: [], total: 0, page: 1, limit: expect.any(Number) });
      // a customer cannot widen the filter to someone else
      const sneaky = await app.http().get(`/api/v1/orders?userId=${owner.id}`).set(bearer(stranger.token)).expect(200);
      expect(sneaky.body.total).toBe(0);
      const adminView = await app.http().get(`/api/v1/orders?userId=${owner.id}&status=pending`).set(bearer(admin)).expect(200);
      expect(adminView.body.items.map((o: OrderBody) => o.id)).toEqual([order.id]);
      const none = await app.http().get(`/api/v1/orders?userId=${owner.id}&status=paid`).set(bearer(admin)).expect(200);
      expect(none.body.total).toBe(0);
      expectProblem(await app.http().get('/api/v1/orders'), 401);
      expect(fieldsOf((await app.http().get('/api/v1/orders?status=lost').set(bearer(admin))).body)).toEqual(['status']);
    });

    it('may not be moved along by a customer (403), not even their own; anonymous is 401', async () => {
      for (const who of [stranger, owner]) {
        const res = await setStatus(app, who.token, order.id, 'cancelled');
        expectProblem(res, 403);
      }
      expectProblem(await app.http().patch(`/api/v1/orders/${order.id}/status`).send({ status: 'processing' }), 401);
      expect((await getOrder(app, bearer(owner.token), order.id)).status).toBe('pending');
    });
  });

  describe('the status machine, driven by an admin', () => {
    it('refuses forbidden transitions with 409 naming the allowed ones, and paid/refunded by hand with 422', async () => {
      const p = await product('Machine Belt');
      const customer = await registerCustomer(app);
      const order = await placeOrder(app, customer.token, p.id);

      const skip = await setStatus(app, admin, order.id, 'shipped');
      expectProblem(skip, 409);
      expect(skip.body).toEqual(expect.objectContaining({ code: 'order.invalid_transition', from: 'pending', to: 'shipped', allowed: ['paid', 'cancelled'] }));
      expect(skip.body.detail).toContain('paid, cancelled');

      for (const status of ['paid', 'refunded']) {
        const res = await setStatus(app, admin, order.id, status);
        expectProblem(res, 422);
        expect(res.body.code).toBe('order.status_set_by_payments');
      }
      const unknown = await setStatus(app, admin, order.id, 'teleported');
      expectProblem(unknown, 400);
      expect(fieldsOf(unknown.body)).toEqual(['status']);
      expect((await getOrder(app, bearer(customer.token), order.id)).status).toBe('pending');
      expect(await historyOf(app, bearer(admin), order.id)).toHaveLength(1);
    });

    it('walks paid -> processing -> shipped -> delivered -> completed; every step is in the history, and shipping sells the stock', async () => {
      const p = await product('Walked Motor', 10);
      const customer = await registerCustomer(app);
      const auth = bearer(customer.token);
      const order = await placeOrder(app, customer.token, p.id, 3);
      await payOrder(app, auth, order.id);

      const processing = await setStatus(app, admin, order.id, 'processing', 'picking').expect(200);
      expect(processing.body).toEqual(expect.objectContaining({ status: 'processing', allowedTransitions: ['shipped', 'refunded'] }));
      const early = await setStatus(app, admin, order.id, 'delivered');
      expectProblem(early, 409);
      expect(early.body.allowed).toEqual(['shipped', 'refunded']);
      expect(await inventoryOf(app, admin, p.id)).toEqual({ productId: p.id, onHand: 10, reserved: 3, available: 7 });

      await setStatus(app, admin, order.id, 'shipped', 'DPD 1234567890').expect(200);
      // shipping turns the reservation into a sale
      expect(await inventoryOf(app, admin, p.id)).toEqual({ productId: p.id, onHand: 7, reserved: 0, available: 7 });
      expect((await movementsOfOrder(app, order.id)).map((m) => [m.reason, m.on_hand_delta, m.reserved_delta])).toEqual([
        ['reservation', 0, 3],
        ['sale', -3, -3],
      ]);
      expect(await ledgerOf(app, p.id)).toEqual({ on_hand: 7, reserved: 0, on_hand_sum: 7, reserved_sum: 0 });

      // a shipped order can no longer be cancelled, by its owner or by an admin
      for (const token of [customer.token, admin]) {
        const cancel = await app.http().post(`/api/v1/orders/${order.id}/cancel`).set(bearer(token)).send({ reason: 'too late' });
        expectProblem(cancel, 409);
        expect(cancel.body).toEqual(expect.objectContaining({ code: 'order.invalid_transition', allowed: ['delivered', 'refunded'] }));
      }

      await setStatus(app, admin, order.id, 'delivered').expect(200);
      const done = await setStatus(app, admin, order.id, 'completed').expect(200);
      expect(done.body).toEqual(expect.objectContaining({ status: 'completed', allowedTransitions: ['refunded'] }));
      expectProblem(await setStatus(app, admin, order.id, 'processing'), 409);

      const history = await historyOf(app, auth, order.id);
      expect(history.map((h) => [h.from, h.to, h.actorRole, h.actorId, h.note])).toEqual([
        [null, 'pending', 'customer', customer.id, null],
        ['pending', 'paid', 'system', null, 'payment captured'],
        ['paid', 'processing', 'admin', adminId, 'picking'],
        ['processing', 'shipped', 'admin', adminId, 'DPD 1234567890'],
        ['shipped', 'delivered', 'admin', adminId, null],
        ['delivered', 'completed', 'admin', adminId, null],
      ]);
      const times = history.map((h) => Date.parse(h.at));
      expect([...times].sort((a, b) => a - b)).toEqual(times);
      // the stock stays sold
      expect(await inventoryOf(app, admin, p.id)).toEqual({ productId: p.id, onHand: 7, reserved: 0, available: 7 });
    });
  });

  describe('cancellation', () => {
    it('of a pending order by its owner releases the stock (ledger rows reference the order) and writes history', async () => {
      const a = await product('Cancel A', 5);
      const b = await product('Cancel B', 5);
      const customer = await registerCustomer(app);
      const auth = bearer(customer.token);
      await addToCart(app, auth, a.id, 2);
      await addToCart(app, auth, b.id, 1);
      const order = (await checkout(app, auth).expect(201)).body as OrderBody;
      const intent = await createIntent(app, auth, order.id).expect(200);
      expect((await inventoryOf(app, admin, a.id)).reserved).toBe(2);

      const res = await app.http().post(`/api/v1/orders/${order.id}/cancel`).set(auth).send({ reason: 'ordered the wrong part' }).expect(200);
      expect(res.body).toEqual(expect.objectContaining({ status: 'cancelled', allowedTransitions: [] }));
      expect(await inventoryOf(app, admin, a.id)).toEqual({ productId: a.id, onHand: 5, reserved: 0, available: 5 });
      expect(await inventoryOf(app, admin, b.id)).toEqual({ productId: b.id, onHand: 5, reserved: 0, available: 5 });
      const movements = await movementsOfOrder(app, order.id);
      expect(movements.filter((m) => m.reason === 'release').map((m) => [m.product_id, m.reserved_delta]).sort()).toEqual(
        [
          [a.id, -2],
          [b.id, -1],
        ].sort(),
      );
      for (const id of [a.id, b.id]) expect(await ledgerOf(app, id)).toEqual({ on_hand: 5, reserved: 0, on_hand_sum: 5, reserved_sum: 0 });
      // the open intent is closed with it
      expect((await app.db.query(`SELECT status, failure_reason FROM payments WHERE id = $1`, [intent.body.id])).rows[0]).toEqual({
        status: 'failed',
        failure_reason: 'order_cancelled',
      });
      expect((await historyOf(app, auth, order.id)).at(-1)).toEqual(
        expect.objectContaining({ from: 'pending', to: 'cancelled', actorRole: 'customer', actorId: customer.id, note: 'ordered the wrong part' }),
      );

      // cancelled is final: no second cancel, no payment
      expectProblem(await app.http().post(`/api/v1/orders/${order.id}/cancel`).set(auth).send({}), 409);
      const pay = await createIntent(app, auth, order.id);
      expectProblem(pay, 409);
      expect(pay.body).toEqual(expect.objectContaining({ code: 'order.not_payable', orderStatus: 'cancelled' }));
      expect((await inventoryOf(app, admin, a.id)).reserved).toBe(0);
    });

    it('of a paid order refunds its payment and gives the discount use back', async () => {
      const p = await product('Cancel Paid', 5, 4000);
      const discount = await createDiscount(app, admin, { type: 'fixed', value: 500, maxUses: 3 });
      const customer = await registerCustomer(app);
      const auth = bearer(customer.token);
      await addToCart(app, auth, p.id, 1);
      await applyCode(app, auth, discount.code);
      const order = (await checkout(app, auth).expect(201)).body as OrderBody;
      expect(order.total).toBe(3500);
      const payment = await payOrder(app, auth, order.id);
      expect((await app.http().get(`/api/v1/admin/discounts/${discount.id}`).set(bearer(admin)).expect(200)).body.timesUsed).toBe(1);

      await app.http().post(`/api/v1/orders/${order.id}/cancel`).set(auth).send({}).expect(200);
      const refunded = await app.http().get(`/api/v1/payments/${payment.id}`).set(auth).expect(200);
      expect(refunded.body).toEqual(expect.objectContaining({ status: 'refunded', amountRefunded: 3500 }));
      expect((await app.db.query(`SELECT amount::int, reason FROM refunds WHERE payment_id = $1`, [payment.id])).rows).toEqual([
        { amount: 3500, reason: 'order cancelled' },
      ]);
      expect((await app.http().get(`/api/v1/admin/discounts/${discount.id}`).set(bearer(admin)).expect(200)).body.timesUsed).toBe(0);
      expect(await countRows(app, 'discount_redemptions WHERE order_id = $1', [order.id])).toBe(0);
      expect(await inventoryOf(app, admin, p.id)).toEqual({ productId: p.id, onHand: 5, reserved: 0, available: 5 });
      // cancelled, not refunded: the refund followed the cancellation
      const after = await getOrder(app, auth, order.id);
      expect(after.status).toBe('cancelled');
      expect((await historyOf(app, auth, order.id)).map((h) => h.to)).toEqual(['pending', 'paid', 'cancelled']);
    });

    it('of a processing order is refused (409); an admin may cancel a customer’s paid order', async () => {
      const p = await product('Cancel Processing', 5);
      const customer = await registerCustomer(app);
      const auth = bearer(customer.token);
      const processing = await placeOrder(app, customer.token, p.id);
      await payOrder(app, auth, processing.id);
      await setStatus(app, admin, processing.id, 'processing').expect(200);
      const refused = await app.http().post(`/api/v1/orders/${processing.id}/cancel`).set(auth).send({});
      expectProblem(refused, 409);
      expect(refused.body.allowed).toEqual(['shipped', 'refunded']);

      const paid = await placeOrder(app, customer.token, p.id);
      await payOrder(app, auth, paid.id);
      const byAdmin = await setStatus(app, admin, paid.id, 'cancelled', 'out of production').expect(200);
      expect(byAdmin.body.status).toBe('cancelled');
      expect((await historyOf(app, auth, paid.id)).at(-1)).toEqual(
        expect.objectContaining({ from: 'paid', to: 'cancelled', actorRole: 'admin', actorId: adminId, note: 'out of production' }),
      );
      expect((await inventoryOf(app, admin, p.id)).reserved).toBe(1);
    });
  });

  describe('a guest order', () => {
    let order: OrderBody;
    let token: string;

    beforeAll(async () => {
      const p = await product('Guest Filter', 5, 1200);
      const { cartToken } = await addToCart(app, {}, p.id, 1);
      order = (await checkout(app, { 'X-Cart-Token': cartToken }, { email: 'guest@example.com', shippingAddress: ADDRESS, shippingMethod: SHIPPING_METHOD }).expect(201)).body;
      token = order.accessToken!;
    });

    it('is readable only with its X-Order-Token (404 without it or with another)', async () => {
      expectProblem(await app.http().get(`/api/v1/orders/${order.id}`), 404);
      expectProblem(await app.http().get(`/api/v1/orders/${order.id}`).set('X-Order-Token', `${token.slice(0, -1)}x`), 404);
      expectProblem(await app.http().get(`/api/v1/orders/${order.id}`).set('X-Order-Token', ''), 404);
      const customer = await registerCustomer(app);
      expectProblem(await app.http().get(`/api/v1/orders/${order.id}`).set(bearer(customer.token)), 404);
      expect((await getOrder(app, { 'X-Order-Token': token }, order.id)).guestEmail).toBe('guest@example.com');
      expect((await historyOf(app, { 'X-Order-Token': token }, order.id)).map((h) => [h.from, h.to, h.actorRole, h.actorId])).toEqual([
        [null, 'pending', 'customer', null],
      ]);
      // another guest's token does not open it
      const q = await product('Other Guest Filter', 5);
      const other = await addToCart(app, {}, q.id, 1);
      const otherOrder = (await checkout(app, { 'X-Cart-Token': other.cartToken }, { email: 'other@example.com', shippingAddress: ADDRESS, shippingMethod: SHIPPING_METHOD }).expect(201)).body;
      expectProblem(await app.http().get(`/api/v1/orders/${order.id}`).set('X-Order-Token', otherOrder.accessToken), 404);
      // an admin reads it without a token
      expect((await getOrder(app, bearer(admin), order.id)).id).toBe(order.id);
    });

    it('is paid with its token; the wrong token cannot pay or cancel it', async () => {
      expectProblem(await createIntent(app, { 'X-Order-Token': 'not-the-token' }, order.id), 404);
      const intent = await createIntent(app, { 'X-Order-Token': token }, order.id).expect(200);
      expectProblem(await confirm(app, {}, intent.body.id), 404);
      expectProblem(await app.http().post(`/api/v1/orders/${order.id}/cancel`).send({}), 404);
      const paid = await confirm(app, { 'X-Order-Token': token }, intent.body.id).expect(200);
      expect(paid.body.status).toBe('succeeded');
      expect((await getOrder(app, { 'X-Order-Token': token }, order.id)).status).toBe('paid');
    });
  });

  it('answers non-UUID order ids with 400 and unknown ones with 404', async () => {
    const unknown = '00000000-0000-4000-8000-000000000000';
    for (const path of ['', '/history']) {
      const bad = await app.http().get(`/api/v1/orders/not-a-uuid${path}`).set(bearer(admin));
      expectProblem(bad, 400);
      expect(fieldsOf(bad.body)).toEqual(['id']);
      expectProblem(await app.http().get(`/api/v1/orders/${unknown}${path}`).set(bearer(admin)), 404);
    }
    expectProblem(await setStatus(app, admin, unknown, 'processing'), 404);
    expectProblem(await app.http().post(`/api/v1/orders/${unknown}/cancel`).set(bearer(admin)).send({}), 404);
  });
});
