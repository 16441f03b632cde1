import { createCategory, createProduct, fieldsOf } from '../support/catalog';
import {
  addToCart,
  applyCode,
  checkout,
  confirm,
  createDiscount,
  createIntent,
  getOrder,
  inventoryOf,
  ledgerOf,
  OrderBody,
  payOrder,
  placeOrder,
  SHIPPING_METHOD,
} from '../support/orders';
import { ADMIN, bearer, expectProblem, login, registerCustomer, startTestApp, TestApp } from '../support/test-app';

describe('orders: adding items to a pending order', () => {
  let app: TestApp;
  let admin: string;
  let category: string;

  beforeAll(async () => {
    app = await startTestApp();
    admin = await login(app, ADMIN);
    category = await createCategory(app, admin, 'items-parts');
  });
  afterAll(() => app?.stop());

  const product = (name: string, price: number, initialStock = 10) => createProduct(app, admin, { name, price, category, initialStock });
  const addItems = (auth: Record<string, string>, orderId: string, items: unknown) => app.http().post(`/api/v1/orders/${orderId}/items`).set(auth).send({ items });

  it('reserves the new stock and recomputes totals (discount included); the open intent for the old amount must be replaced', async () => {
    const pump = await product('Items Pump', 2000, 10);
    const hose = await product('Items Hose', 500, 10);
    const discount = await createDiscount(app, admin, { type: 'percentage', value: 10 });
    const customer = await registerCustomer(app);
    const auth = bearer(customer.token);
    await addToCart(app, auth, pump.id, 1);
    await applyCode(app, auth, discount.code);
    const order = (await checkout(app, auth).expect(201)).body as OrderBody;
    expect(order).toEqual(expect.objectContaining({ subtotal: 2000, discount: { code: discount.code, amount: 200 }, total: 1800 }));
    const oldIntent = await createIntent(app, auth, order.id).expect(200);
    expect(oldIntent.body.amount).toBe(1800);

    const res = await addItems(auth, order.id, [
      { productId: hose.id, quantity: 2 },
      { productId: pump.id, quantity: 1 },
    ]).expect(200);
    expect(res.body.items.map((i: { productId: string; quantity: number; lineTotal: number }) => [i.productId, i.quantity, i.lineTotal])).toEqual([
      [pump.id, 2, 4000],
      [hose.id, 2, 1000],
    ]);
    expect(res.body).toEqual(expect.objectContaining({ status: 'pending', subtotal: 5000, discount: { code: discount.code, amount: 500 }, total: 4500 }));
    expect(await getOrder(app, auth, order.id)).toEqual(expect.objectContaining({ subtotal: 5000, total: 4500 }));
    expect(await inventoryOf(app, admin, pump.id)).toEqual({ productId: pump.id, onHand: 10, reserved: 2, available: 8 });
    expect(await inventoryOf(app, admin, hose.id)).toEqual({ productId: hose.id, onHand: 10, reserved: 2, available: 8 });
    const { rows } = await app.db.query(`SELECT subtotal::int, discount_amount::int, total::int FROM orders WHERE id = $1`, [order.id]);
    expect(rows[0]).toEqual({ subtotal: 5000, discount_amount: 500, total: 4500 });

    // the intent opened for 1800 cannot capture the new total
    const stale = await confirm(app, auth, oldIntent.body.id);
    expectProblem(stale, 409);
    expect(stale.body).toEqual(expect.objectContaining({ code: 'payment.amount_mismatch', paymentAmount: 1800, orderTotal: 4500 }));
    expect((await getOrder(app, auth, order.id)).status).toBe('pending');

    const fresh = await createIntent(app, auth, order.id).expect(200);
    expect(fresh.body.id).not.toBe(oldIntent.body.id);
    expect(fresh.body.amount).toBe(4500);
    expect((await app.db.query(`SELECT status, failure_reason FROM payments WHERE id = $1`, [oldIntent.body.id])).rows[0]).toEqual({
      status: 'failed',
      failure_reason: 'order_changed',
    });
    await confirm(app, auth, fresh.body.id).expect(200);
    expect((await getOrder(app, auth, order.id)).status).toBe('paid');

    // once paid, the order is closed for changes
    const late = await addItems(auth, order.id, [{ productId: hose.id, quantity: 1 }]);
    expectProblem(late, 409);
    expect(late.body.code).toBe('order.not_pending');
    expect((await inventoryOf(app, admin, hose.id)).reserved).toBe(2);
    expect((await getOrder(app, auth, order.id)).total).toBe(4500);
  });

  it('refuses more than is available with 409 and writes nothing', async () => {
    const scarce = await product('Items Scarce', 700, 3);
    const customer = await registerCustomer(app);
    const auth = bearer(customer.token);
    const order = await placeOrder(app, customer.token, scarce.id, 2);

    const res = await addItems(auth, order.id, [{ productId: scarce.id, quantity: 2 }]);
    expectProblem(res, 409);
    expect(res.body).toEqual(expect.objectContaining({ code: 'stock.insufficient', productId: scarce.id, requested: 2, available: 1 }));
    expect(await getOrder(app, auth, order.id)).toEqual(expect.objectContaining({ subtotal: 1400, total: 1400 }));
    expect(await ledgerOf(app, scarce.id)).toEqual({ on_hand: 3, reserved: 2, on_hand_sum: 3, reserved_sum: 2 });
  });

  it('refuses a line that would go over 99 units with 409, even when the stock is there', async () => {
    const bulk = await product('Items Bulk Screw', 10, 500);
    const customer = await registerCustomer(app);
    const auth = bearer(customer.token);
    const order = await placeOrder(app, customer.token, bulk.id, 60);

    for (const items of [
      [{ productId: bulk.id, quantity: 50 }],
      [
        { productId: bulk.id, quantity: 30 },
        { productId: bulk.id, quantity: 30 },
      ],
    ]) {
      const res = await addItems(auth, order.id, items);
      expectProblem(res, 409);
      expect(res.body).toEqual(expect.objectContaining({ code: 'order.quantity_limit', maxQuantity: 99 }));
    }
    const unchanged = await getOrder(app, auth, order.id);
    expect(unchanged.items.map((i) => i.quantity)).toEqual([60]);
    expect(await ledgerOf(app, bulk.id)).toEqual({ on_hand: 500, reserved: 60, on_hand_sum: 500, reserved_sum: 60 });
    // up to 99 is fine
    const ok = await addItems(auth, order.id, [{ productId: bulk.id, quantity: 39 }]).expect(200);
    expect(ok.body.items.map((i: { quantity: number }) => i.quantity)).toEqual([99]);
    expect((await inventoryOf(app, admin, bulk.id)).reserved).toBe(99);
  });

  it('answers an unknown or deactivated product with 404', async () => {
    const gone = await product('Items Gone', 300);
    const customer = await registerCustomer(app);
    const auth = bearer(customer.token);
    const order = await placeOrder(app, customer.token, gone.id, 1);
    await app.http().delete(`/api/v1/products/${gone.id}`).set(bearer(admin)).expect((r) => expect([200, 204]).toContain(r.status));
    for (const productId of [gone.id, '00000000-0000-4000-8000-000000000000']) {
      const res = await addItems(auth, order.id, [{ productId, quantity: 1 }]);
      expectProblem(res, 404);
      expect(res.body.code).toBe('product.not_found');
    }
    expect((await getOrder(app, auth, order.id)).items.map((i) => i.quantity)).toEqual([1]);
  });

  describe('bad input is a 400 naming the field, and nothing is written', () => {
    let auth: Record<string, string>;
    let order: OrderBody;
    let productId: string;

    beforeAll(async () => {
      productId = (await product('Items Validated', 900, 20)).id;
      const customer = await registerCustomer(app);
      auth = bearer(customer.token);
      order = await placeOrder(app, customer.token, productId, 1);
    });
    afterEach(async () => {
      const after = await getOrder(app, auth, order.id);
      expect(after.items.map((i) => i.quantity)).toEqual([1]);
      expect(after.total).toBe(900);
      expect((await inventoryOf(app, admin, productId)).reserved).toBe(1);
    });

    it.each([
      ['quantity 0', () => [{ productId, quantity: 0 }], 'items.0.quantity'],
      ['a negative quantity', () => [{ productId, quantity: -1 }], 'items.0.quantity'],
      ['a fractional quantity', () => [{ productId, quantity: 1.5 }], 'items.0.quantity'],
      ['a huge quantity', () => [{ productId, quantity: 1e12 }], 'items.0.quantity'],
      ['a quantity as a string', () => [{ productId, quantity: '2' }], 'items.0.quantity'],
      ['a non-UUID product', () => [{ productId: 'pump', quantity: 1 }], 'items.0.productId'],
      ['an unknown field in an item', () => [{ productId, quantity: 1, unitPrice: 1 }], 'items.0.unitPrice'],
      ['no items', () => [], 'items'],
      ['items as an object', () => ({ productId, quantity: 1 }), 'items'],
      ['items that are not objects', () => [productId], 'items'],
      ['too many items', () => Array.from({ length: 21 }, () => ({ productId, quantity: 1 })), 'items'],
    ])('rejects %s', async (_label, items, field) => {
      const res = await addItems(auth, order.id, items());
      expectProblem(res, 400);
      expect(fieldsOf(res.body)).toContain(field);
    });

    it('rejects an unknown top-level field', async () => {
      const res = await app
        .http()
        .post(`/api/v1/orders/${order.id}/items`)
        .set(auth)
        .send({ items: [{ productId, quantity: 1 }], total: 1 });
      expectProblem(res, 400);
      expect(fieldsOf(res.body)).toEqual(['total']);
    });
  });

  it('a guest adds items with the order token; without it the order is not found', async () => {
    const p = await product('Items Guest', 400, 10);
    const { cartToken } = await addToCart(app, {}, p.id, 1);
    const order = (await checkout(app, { 'X-Cart-Token': cartToken }, { email: 'items-guest@example.com', shippingAddress: { name: 'G', line1: '1 Road', city: 'Leeds', postcode: 'LS1 1AA', country: 'GB' }, shippingMethod: SHIPPING_METHOD }).expect(201))
      .body as OrderBody;
    expectProblem(await addItems({}, order.id, [{ productId: p.id, quantity: 1 }]), 404);
    const res = await addItems({ 'X-Order-Token': order.accessToken! }, order.id, [{ productId: p.id, quantity: 2 }]).expect(200);
    expect(res.body).toEqual(expect.objectContaining({ total: 1200 }));
    expect(res.body).not.toHaveProperty('accessToken');
    const payment = await payOrder(app, { 'X-Order-Token': order.accessToken! }, order.id);
    expect(payment.amount).toBe(1200);
    expect((await inventoryOf(app, admin, p.id)).reserved).toBe(3);
  });
});
