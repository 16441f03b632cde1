import { createCategory, createProduct, fieldsOf, ProductBody } from '../support/catalog';
import {
  ADDRESS,
  addToCart,
  applyCode,
  checkout,
  countRows,
  createDiscount,
  getOrder,
  historyOf,
  inventoryOf,
  ledgerOf,
  OrderBody,
  payOrder,
  placeOrder,
  SHIPPING_METHOD,
} from '../support/orders';
import { ADMIN, bearer, expectProblem, login, registerCustomer, startTestApp, TestApp } from '../support/test-app';

const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

describe('orders: checkout from the cart', () => {
  let app: TestApp;
  let admin: string;
  let category: string;

  beforeAll(async () => {
    app = await startTestApp();
    admin = await login(app, ADMIN);
    category = await createCategory(app, admin, 'checkout-parts');
  });
  afterAll(() => app?.stop());

  const cartOf = async (auth: Record<string, string>) => (await app.http().get('/api/v1/cart').set(auth).expect(200)).body;
  const product = (name: string, price: number, initialStock = 20) => createProduct(app, admin, { name, price, category, initialStock });

  it('walks the whole journey: browse, cart, order, intent, confirm, paid, history, and a snapshot that outlives price changes', async () => {
    const pump = await product('Drain Pump', 3499, 10);
    const belt = await product('Drive Belt', 1250, 10);
    const customer = await registerCustomer(app);
    const auth = bearer(customer.token);

    const browse = await app.http().get(`/api/v1/products?category=${category}&sort=price_desc`).expect(200);
    const listed = (browse.body.items as ProductBody[]).filter((p) => p.id === pump.id || p.id === belt.id);
    expect(listed.map((p) => [p.name, p.price, p.availability.available])).toEqual([
      ['Drain Pump', 3499, 10],
      ['Drive Belt', 1250, 10],
    ]);

    await addToCart(app, auth, pump.id, 2);
    const { cart } = await addToCart(app, auth, belt.id, 3);
    expect(cart.total).toBe(2 * 3499 + 3 * 1250);

    const placed = await checkout(app, auth, { shippingAddress: { ...ADDRESS, line2: 'Flat 2' }, shippingMethod: SHIPPING_METHOD }).expect(201);
    const order = placed.body as OrderBody;
    expect(order).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      number: expect.any(Number),
      status: 'pending',
      userId: customer.id,
      guestEmail: null,
      currency: 'GBP',
      items: [
        // VAT at the standard 20% inside each line: 6998 / 6 = 1166.33 -> 1166; 3750 / 6 = 625
        { id: expect.any(String), kind: 'product', productId: pump.id, serviceId: null, name: 'Drain Pump', unitPrice: 3499, quantity: 2, lineTotal: 6998, vatRate: 20, vatAmount: 1166 },
        { id: expect.any(String), kind: 'product', productId: belt.id, serviceId: null, name: 'Drive Belt', unitPrice: 1250, quantity: 3, lineTotal: 3750, vatRate: 20, vatAmount: 625 },
      ],
      subtotal: 10748,
      discount: null,
      shippingMethod: { code: 'economy', name: 'Economy delivery (free)' },
      shipping: 0,
      total: 10748,
      vatTotal: 1791,
      netTotal: 8957,
      shippingAddress: { ...ADDRESS, line2: 'Flat 2' },
      carrier: null,
      trackingNumber: null,
      invoiceNumber: null,
      creditNotes: [],
      visitParts: null,
      allowedTransitions: ['paid', 'cancelled'],
      paymentStatus: 'unpaid',
      paidAt: null,
      lastPaymentError: null,
      createdAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
      updatedAt: expect.any(String),
    });
    expect(order.number).toBeGreaterThanOrEqual(100001);
    expect(placed.body).not.toHaveProperty('accessToken');

    // the bought lines left the cart; the stock is reserved, not yet sold
    expect((await cartOf(auth)).items).toEqual([]);
    expect(await inventoryOf(app, admin, pump.id)).toEqual({ productId: pump.id, onHand: 10, reserved: 2, available: 8 });
    expect(await inventoryOf(app, admin, belt.id)).toEqual({ productId: belt.id, onHand: 10, reserved: 3, available: 7 });
    expect((await app.http().get(`/api/v1/products/${pump.id}`).expect(200)).body.availability).toEqual({ available: 8, inStock: true });

    const payment = await payOrder(app, auth, order.id);
    expect(payment).toEqual(
      expect.objectContaining({ orderId: order.id, status: 'succeeded', amount: 10748, currency: 'GBP', paymentMethod: 'pm_card_visa', amountRefunded: 0 }),
    );
    const paid = await getOrder(app, auth, order.id);
    expect(paid.status).toBe('paid');
    expect(paid).toMatchObject({ paymentStatus: 'paid', paidAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/), lastPaymentError: null });
    expect(paid.allowedTransitions).toEqual(['processing', 'cancelled', 'refunded']);

    const history = await historyOf(app, auth, order.id);
    expect(history).toEqual([
      { from: null, to: 'pending', at: expect.any(String), actorId: customer.id, actorRole: 'customer', note: null, carrier: null, trackingNumber: null },
      { from: 'pending', to: 'paid', at: expect.any(String), actorId: null, actorRole: 'system', note: 'payment captured', carrier: null, trackingNumber: null },
    ]);
    expect(Date.parse(history[1].at)).toBeGreaterThanOrEqual(Date.parse(history[0].at));

    // the order is a snapshot: a later price and name change does not touch it
    await app.http().patch(`/api/v1/products/${pump.id}`).set(bearer(admin)).send({ price: 3999, name: 'Drain Pump v2' }).expect(200);
    const after = await getOrder(app, auth, order.id);
    expect(after.items.map((i) => [i.name, i.unitPrice, i.lineTotal])).toEqual([
      ['Drain Pump', 3499, 6998],
      ['Drive Belt', 1250, 3750],
    ]);
    expect(after.total).toBe(10748);

    // order numbers are sequential
    const next = await placeOrder(app, customer.token, belt.id, 1);
    expect(next.number).toBe(order.number + 1);

    const list = await app.http().get('/api/v1/orders').set(auth).expect(200);
    expect(list.body.total).toBe(2);
    expect(list.body.items.map((o: OrderBody) => o.id)).toEqual([next.id, order.id]);
  });

  it('checks out only the chosen cartItemIds; the other lines stay in the cart', async () => {
    const a = await product('Filter A', 500);
    const b = await product('Filter B', 700);
    const c = await product('Filter C', 900);
    const customer = await registerCustomer(app);
    const auth = bearer(customer.token);
    await addToCart(app, auth, a.id, 1);
    await addToCart(app, auth, b.id, 2);
    const { cart } = await addToCart(app, auth, c.id, 1);
    const lineOf = (productId: string) => cart.items.find((i) => i.productId === productId)!.id;

    const res = await checkout(app, auth, { cartItemIds: [lineOf(a.id), lineOf(c.id)], shippingAddress: ADDRESS, shippingMethod: SHIPPING_METHOD }).expect(201);
    expect(res.body.items.map((i: { productId: string; quantity: number }) => [i.productId, i.quantity])).toEqual([
      [a.id, 1],
      [c.id, 1],
    ]);
    expect(res.body.total).toBe(1400);

    const remaining = await cartOf(auth);
    expect(remaining.items.map((i: { id: string; quantity: number }) => [i.id, i.quantity])).toEqual([[lineOf(b.id), 2]]);
    expect((await inventoryOf(app, admin, b.id)).reserved).toBe(0);
    expect((await inventoryOf(app, admin, a.id)).reserved).toBe(1);
  });

  it('requires a shipping address for products (422) and writes nothing', async () => {
    const p = await product('Door Seal', 1500, 5);
    const customer = await registerCustomer(app);
    const auth = bearer(customer.token);
    await addToCart(app, auth, p.id, 1);
    const ordersBefore = await countRows(app, 'orders');

    const res = await checkout(app, auth, {});
    expectProblem(res, 422);
    expect(res.body.code).toBe('order.shipping_address_required');
    expect(await countRows(app, 'orders')).toBe(ordersBefore);
    expect((await cartOf(auth)).items).toHaveLength(1);
    expect(await ledgerOf(app, p.id)).toEqual({ on_hand: 5, reserved: 0, on_hand_sum: 5, reserved_sum: 0 });
  });

  it('refuses an empty cart with 422, for a customer who never had a cart and for one whose cart was bought', async () => {
    const fresh = await registerCustomer(app);
    const none = await checkout(app, bearer(fresh.token));
    expectProblem(none, 422);
    expect(none.body.code).toBe('cart.empty');

    const p = await product('Hinge', 300);
    const buyer = await registerCustomer(app);
    await placeOrder(app, buyer.token, p.id);
    const again = await checkout(app, bearer(buyer.token));
    expectProblem(again, 422);
    expect(again.body.code).toBe('cart.empty');
    expect(await countRows(app, 'orders WHERE user_id = $1', [buyer.id])).toBe(1);
  });

  describe('guest checkout', () => {
    it('needs an email (400 naming it) and keeps the cart', async () => {
      const p = await product('Guest Knob', 450);
      const { cartToken } = await addToCart(app, {}, p.id, 1);
      const ordersBefore = await countRows(app, 'orders');
      const res = await checkout(app, { 'X-Cart-Token': cartToken }, { shippingAddress: ADDRESS, shippingMethod: SHIPPING_METHOD });
      expectProblem(res, 400);
      expect(fieldsOf(res.body)).toEqual(['email']);
      expect(await countRows(app, 'orders')).toBe(ordersBefore);
      expect((await cartOf({ 'X-Cart-Token': cartToken })).items).toHaveLength(1);
    });

    it('places an order with the guest email and returns an access token once, needed to read it', async () => {
      const p = await product('Guest Dial', 650, 4);
      const { cartToken } = await addToCart(app, {}, p.id, 2);
      const res = await checkout(app, { 'X-Cart-Token': cartToken }, { email: 'Guest.Buyer@Example.com', shippingAddress: ADDRESS, shippingMethod: SHIPPING_METHOD }).expect(201);
      const order = res.body as OrderBody;
      expect(order).toEqual(expect.objectContaining({ userId: null, guestEmail: 'guest.buyer@example.com', status: 'pending', total: 1300 }));
      expect(order.accessToken).toMatch(/^[A-Za-z0-9_-]{40,}$/);
      expect((await inventoryOf(app, admin, p.id)).reserved).toBe(2);
      expect((await cartOf({ 'X-Cart-Token': cartToken })).items).toEqual([]);

      const read = await getOrder(app, { 'X-Order-Token': order.accessToken! }, order.id);
      expect(read.id).toBe(order.id);
      expect(read).not.toHaveProperty('accessToken');
      // the token is stored only as a hash
      const { rows } = await app.db.query(`SELECT access_token_hash FROM orders WHERE id = $1`, [order.id]);
      expect(rows[0].access_token_hash).toMatch(/^[0-9a-f]{64}$/);
      expect(rows[0].access_token_hash).not.toContain(order.accessToken);
    });
  });

  it('snapshots a discount code on the order and counts its use', async () => {
    const p = await product('Heating Element', 2000);
    const discount = await createDiscount(app, admin, { type: 'percentage', value: 15, maxUses: 10 });
    const customer = await registerCustomer(app);
    const auth = bearer(customer.token);
    await addToCart(app, auth, p.id, 2);
    expect((await applyCode(app, auth, discount.code)).discount).toEqual({ code: discount.code, amount: 600 });

    const res = await checkout(app, auth).expect(201);
    expect(res.body).toEqual(expect.objectContaining({ subtotal: 4000, discount: { code: discount.code, amount: 600 }, total: 3400 }));
    const stored = await app.http().get(`/api/v1/admin/discounts/${discount.id}`).set(bearer(admin)).expect(200);
    expect(stored.body.timesUsed).toBe(1);
    expect(await countRows(app, 'discount_redemptions WHERE discount_id = $1 AND order_id = $2', [discount.id, res.body.id])).toBe(1);

    // a later change of the code does not reprice the order
    await app.http().patch(`/api/v1/admin/discounts/${discount.id}`).set(bearer(admin)).send({ value: 50 }).expect(200);
    expect((await getOrder(app, auth, res.body.id)).discount).toEqual({ code: discount.code, amount: 600 });
    expect((await getOrder(app, auth, res.body.id)).total).toBe(3400);
    // the cart emptied completely, so the code left it too
    expect((await cartOf(auth)).discount).toBeNull();
  });

  it('pays an order with nothing to pay (a 100% code) at checkout; it then ships like any other', async () => {
    const p = await product('Warranty Board', 8900, 3);
    const discount = await createDiscount(app, admin, { type: 'percentage', value: 100, maxUses: 1 });
    const customer = await registerCustomer(app);
    const auth = bearer(customer.token);
    await addToCart(app, auth, p.id, 1);
    expect((await applyCode(app, auth, discount.code)).total).toBe(0);

    const order = (await checkout(app, auth).expect(201)).body as OrderBody;
    expect(order).toEqual(expect.objectContaining({ status: 'paid', subtotal: 8900, discount: { code: discount.code, amount: 8900 }, total: 0 }));
    expect((await historyOf(app, auth, order.id)).map((h) => [h.from, h.to, h.actorRole, h.note])).toEqual([
      [null, 'pending', 'customer', null],
      ['pending', 'paid', 'system', 'nothing to pay'],
    ]);
    const pay = await app.http().post('/api/v1/payments/create-intent').set(auth).send({ orderId: order.id });
    expectProblem(pay, 409);
    expect(pay.body).toEqual(expect.objectContaining({ code: 'order.not_payable', orderStatus: 'paid' }));
    expect(await countRows(app, 'payments WHERE order_id = $1', [order.id])).toBe(0);
    expect((await inventoryOf(app, admin, p.id)).reserved).toBe(1);

    for (const status of ['processing', 'shipped']) await app.http().patch(`/api/v1/orders/${order.id}/status`).set(bearer(admin)).send({ status }).expect(200);
    expect(await inventoryOf(app, admin, p.id)).toEqual({ productId: p.id, onHand: 2, reserved: 0, available: 2 });
  });

  describe('the cart changed since it was filled', () => {
    it('orders at the current catalog price, not the price when the line was added', async () => {
      const p = await product('Repriced Gasket', 1000);
      const customer = await registerCustomer(app);
      const auth = bearer(customer.token);
      await addToCart(app, auth, p.id, 2);
      await app.http().patch(`/api/v1/products/${p.id}`).set(bearer(admin)).send({ price: 1200 }).expect(200);
      expect((await cartOf(auth)).warnings.map((w: { code: string }) => w.code)).toEqual(['price_changed']);
      const res = await checkout(app, auth).expect(201);
      expect(res.body.items.map((i: { unitPrice: number; lineTotal: number }) => [i.unitPrice, i.lineTotal])).toEqual([[1200, 2400]]);
      expect(res.body.total).toBe(2400);
    });

    it('refuses a line that is no longer sold (409 naming it) and keeps everything', async () => {
      const kept = await product('Still Sold', 500, 5);
      const gone = await product('Discontinued', 500, 5);
      const customer = await registerCustomer(app);
      const auth = bearer(customer.token);
      await addToCart(app, auth, kept.id, 1);
      const { cart } = await addToCart(app, auth, gone.id, 1);
      await app.http().delete(`/api/v1/products/${gone.id}`).set(bearer(admin)).expect((r) => expect([200, 204]).toContain(r.status));
      const ordersBefore = await countRows(app, 'orders');

      const res = await checkout(app, auth);
      expectProblem(res, 409);
      expect(res.body).toEqual(expect.objectContaining({ code: 'cart.item_unavailable', cartItemIds: [cart.items.find((i) => i.productId === gone.id)!.id] }));
      expect(await countRows(app, 'orders')).toBe(ordersBefore);
      expect((await cartOf(auth)).items).toHaveLength(2);
      expect((await inventoryOf(app, admin, kept.id)).reserved).toBe(0);
      // the lines still sold can be bought on their own
      const subset = await checkout(app, auth, { cartItemIds: [cart.items.find((i) => i.productId === kept.id)!.id], shippingAddress: ADDRESS, shippingMethod: SHIPPING_METHOD }).expect(201);
      expect(subset.body.total).toBe(500);
    });

    it('refuses a code that stopped applying (409) and counts no use', async () => {
      const p = await product('Code Gone Pump', 3000);
      const discount = await createDiscount(app, admin, { type: 'percentage', value: 10 });
      const customer = await registerCustomer(app);
      const auth = bearer(customer.token);
      await addToCart(app, auth, p.id, 1);
      await applyCode(app, auth, discount.code);
      await app.http().patch(`/api/v1/admin/discounts/${discount.id}`).set(bearer(admin)).send({ isActive: false }).expect(200);

      const res = await checkout(app, auth);
      expectProblem(res, 409);
      expect(res.body).toEqual(expect.objectContaining({ code: 'discount.inactive', discountCode: discount.code }));
      expect((await app.http().get(`/api/v1/admin/discounts/${discount.id}`).set(bearer(admin)).expect(200)).body.timesUsed).toBe(0);
      expect((await inventoryOf(app, admin, p.id)).reserved).toBe(0);
      expect((await cartOf(auth)).items).toHaveLength(1);
    });

    it('asks for a visit when the cart holds a repair service (422)', async () => {
      const service = await app
        .http()
        .post('/api/v1/services')
        .set(bearer(admin))
        .send({ name: 'Oven repair', basePrice: 7900, serviceType: 'oven', durationMinutes: 60 })
        .expect(201);
      const customer = await registerCustomer(app);
      const auth = bearer(customer.token);
      await app.http().post('/api/v1/cart/items').set(auth).send({ serviceId: service.body.id, quantity: 1 }).expect(201);
      const res = await checkout(app, auth, {});
      expectProblem(res, 422);
      expect(res.body.code).toBe('order.visit_required');
      expect(await countRows(app, 'orders WHERE user_id = $1', [customer.id])).toBe(0);
    });
  });

  describe('bad input is a 400 naming the field, and nothing is written', () => {
    let auth: Record<string, string>;
    let productId: string;
    let ordersBefore: number;

    beforeAll(async () => {
      const p = await product('Validation Valve', 800, 5);
      productId = p.id;
      auth = bearer((await registerCustomer(app)).token);
      await addToCart(app, auth, p.id, 1);
    });
    beforeEach(async () => {
      ordersBefore = await countRows(app, 'orders');
    });
    afterEach(async () => {
      expect(await countRows(app, 'orders')).toBe(ordersBefore);
      expect((await cartOf(auth)).items).toHaveLength(1);
      expect((await inventoryOf(app, admin, productId)).reserved).toBe(0);
    });

    it.each([
      ['an unknown field', { shippingAddress: ADDRESS, paid: true }, 'paid'],
      ['an unknown field in the address', { shippingAddress: { ...ADDRESS, floor: 3 } }, 'shippingAddress.floor'],
      ['non-UUID cartItemIds', { cartItemIds: ['line-1'], shippingAddress: ADDRESS }, 'cartItemIds'],
      ['cartItemIds that is not an array', { cartItemIds: UNKNOWN_ID, shippingAddress: ADDRESS }, 'cartItemIds'],
      ['an empty cartItemIds', { cartItemIds: [], shippingAddress: ADDRESS }, 'cartItemIds'],
      ['an address as a string', { shippingAddress: '1 High Street, London' }, 'shippingAddress'],
      ['an address as an array', { shippingAddress: [ADDRESS] }, 'shippingAddress'],
      ['an address without a city', { shippingAddress: { ...ADDRESS, city: undefined } }, 'shippingAddress.city'],
      ['a lower-case country', { shippingAddress: { ...ADDRESS, country: 'gb' } }, 'shippingAddress.country'],
      ['an over-long address line', { shippingAddress: { ...ADDRESS, line1: 'x'.repeat(201) } }, 'shippingAddress.line1'],
      ['an email that is not one', { email: 'not-an-email', shippingAddress: ADDRESS }, 'email'],
      ['an email as a number', { email: 12345, shippingAddress: ADDRESS }, 'email'],
      ['a null address', { shippingAddress: null }, 'shippingAddress'],
      ['a visit without services', { shippingAddress: ADDRESS, visit: { start: '2030-01-01T09:00:00Z', address: '1 High Street' } }, 'visit'],
    ])('rejects %s', async (_label, body, field) => {
      const res = await checkout(app, auth, body);
      expectProblem(res, 400);
      expect(fieldsOf(res.body)).toContain(field);
    });

    it('answers cartItemIds of another cart (or unknown ones) with 404', async () => {
      const other = await registerCustomer(app);
      const { cart } = await addToCart(app, bearer(other.token), productId, 1);
      for (const id of [cart.items[0].id, UNKNOWN_ID]) {
        const res = await checkout(app, auth, { cartItemIds: [id], shippingAddress: ADDRESS, shippingMethod: SHIPPING_METHOD });
        expectProblem(res, 404);
        expect(res.body.code).toBe('cart_item.not_found');
      }
      expect((await cartOf(bearer(other.token))).items).toHaveLength(1);
    });

    it('rejects a malformed JSON body with 400', async () => {
      const res = await app.http().post('/api/v1/orders').set(auth).set('Content-Type', 'application/json').send('{"shippingAddress": ');
      expectProblem(res, 400);
    });
  });
});
