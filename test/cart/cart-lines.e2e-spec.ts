import { bearer, expectProblem, registerCustomer, startTestApp, TestApp } from '../support/test-app';
import { addItem, anonymousCartWith, CART_TOKEN, createProduct, createService, Fixtures, fixtures, getCart, lineOf, UNKNOWN_UUID } from '../support/cart-fixtures';

describe('cart: lines, stock, catalog changes and ownership', () => {
  let app: TestApp;
  let f: Fixtures;
  let kettle: string; // 1999p, 10 in stock
  let hose: string; // 450p, 3 in stock
  let repair: string; // 7500p service

  beforeAll(async () => {
    app = await startTestApp();
    f = await fixtures(app);
    [kettle, hose, repair] = await Promise.all([createProduct(f, 1999, 10, 'Kettle element'), createProduct(f, 450, 3), createService(f, 7500, 'Washer drum repair')]);
  });
  afterAll(() => app?.stop());

  const patchLine = (token: string, id: string, body: unknown) => app.http().patch(`/api/v1/cart/items/${id}`).set(bearer(token)).send(body as object);
  const deleteLine = (token: string, id: string) => app.http().delete(`/api/v1/cart/items/${id}`).set(bearer(token));

  it('holds products and services; the same item again raises its line, never a second one', async () => {
    const { token } = await registerCustomer(app);
    await addItem(app, { token }, { productId: kettle, quantity: 1 }).expect(201);
    await addItem(app, { token }, { serviceId: repair, quantity: 1 }).expect(201);
    await addItem(app, { token }, { serviceId: repair, quantity: 1 }).expect(201);
    const res = await addItem(app, { token }, { productId: kettle, quantity: 2 }).expect(201);
    expect(res.body.items).toEqual([
      expect.objectContaining({ kind: 'product', productId: kettle, serviceId: null, name: 'Kettle element', unitPrice: 1999, quantity: 3, lineTotal: 5997, available: 10, purchasable: true }),
      expect.objectContaining({ kind: 'service', productId: null, serviceId: repair, name: 'Washer drum repair', unitPrice: 7500, quantity: 2, lineTotal: 15000, available: null, purchasable: true }),
    ]);
    expect(res.body).toEqual(expect.objectContaining({ itemCount: 5, subtotal: 20997, discount: null, total: 20997, warnings: [] }));
    const { rows } = await app.db.query(`SELECT count(*)::int AS n FROM cart_items WHERE cart_id = $1`, [res.body.id]);
    expect(rows[0].n).toBe(2);
  });

  it('sets a line quantity and removes a line', async () => {
    const { token } = await registerCustomer(app);
    const added = await addItem(app, { token }, { productId: kettle, quantity: 1 }).expect(201);
    await addItem(app, { token }, { serviceId: repair, quantity: 1 }).expect(201);
    const line = lineOf(added.body, kettle)!.id;
    const patched = await patchLine(token, line, { quantity: 4 }).expect(200);
    expect(lineOf(patched.body, kettle)).toEqual(expect.objectContaining({ quantity: 4, lineTotal: 7996 }));
    expect(patched.body.subtotal).toBe(7996 + 7500);
    const removed = await deleteLine(token, line).expect(200);
    expect(removed.body.items.map((l: { serviceId: string }) => l.serviceId)).toEqual([repair]);
    expect(removed.body.total).toBe(7500);
    expectProblem(await deleteLine(token, line), 404);
  });

  it('refuses more than is available with 409 naming how many are available', async () => {
    const { token } = await registerCustomer(app);
    const tooMany = await addItem(app, { token }, { productId: hose, quantity: 4 });
    expectProblem(tooMany, 409);
    expect(tooMany.body).toEqual(expect.objectContaining({ code: 'cart.insufficient_stock', available: 3 }));

    const added = await addItem(app, { token }, { productId: hose, quantity: 2 }).expect(201);
    const more = await addItem(app, { token }, { productId: hose, quantity: 2 });
    expectProblem(more, 409);
    expect(more.body.available).toBe(3);
    const raised = await patchLine(token, lineOf(added.body, hose)!.id, { quantity: 4 });
    expectProblem(raised, 409);
    expect(raised.body.available).toBe(3);
    const cart = await getCart(app, { token }).expect(200);
    expect(lineOf(cart.body, hose)?.quantity).toBe(2);
  });

  it('answers unknown and deactivated items with 404', async () => {
    const { token } = await registerCustomer(app);
    const unknownProduct = await addItem(app, { token }, { productId: UNKNOWN_UUID, quantity: 1 });
    expectProblem(unknownProduct, 404);
    expect(unknownProduct.body.code).toBe('product.not_found');
    expectProblem(await addItem(app, { token }, { serviceId: UNKNOWN_UUID, quantity: 1 }), 404);
    const gone = await createProduct(f, 100, 5);
    await app.http().delete(`/api/v1/products/${gone}`).set(bearer(f.admin)).expect(204);
    expectProblem(await addItem(app, { token }, { productId: gone, quantity: 1 }), 404);
    const goneService = await createService(f, 100);
    await app.http().delete(`/api/v1/services/${goneService}`).set(bearer(f.admin)).expect(204);
    expectProblem(await addItem(app, { token }, { serviceId: goneService, quantity: 1 }), 404);
    expect((await getCart(app, { token }).expect(200)).body.items).toEqual([]);
  });

  describe('input validation', () => {
    let token: string;
    let line: string;
    beforeAll(async () => {
      token = (await registerCustomer(app)).token;
      line = (await addItem(app, { token }, { productId: kettle, quantity: 1 }).expect(201)).body.items[0].id;
    });

    it.each([0, -1, 100, '2', 1.5, null, undefined])('rejects quantity %p with 400 naming quantity', async (quantity) => {
      for (const res of [await addItem(app, { token }, { productId: kettle, quantity }), await patchLine(token, line, { quantity })]) {
        expectProblem(res, 400);
        expect(res.body.errors.length).toBeGreaterThan(0);
        expect(res.body.errors.every((e: { field: string }) => e.field === 'quantity')).toBe(true);
      }
      const cart = await getCart(app, { token }).expect(200);
      expect(cart.body.items).toEqual([expect.objectContaining({ id: line, quantity: 1 })]);
    });
  });

  it('rejects unknown fields, both or neither item id, and non-UUIDs, naming the field', async () => {
    const { token } = await registerCustomer(app);
    const unknown = await addItem(app, { token }, { productId: kettle, quantity: 1, unitPrice: 1 });
    expectProblem(unknown, 400);
    expect(unknown.body.errors).toEqual([{ field: 'unitPrice', message: 'is not an allowed field' }]);

    const both = await addItem(app, { token }, { productId: kettle, serviceId: repair, quantity: 1 });
    expectProblem(both, 400);
    expect(both.body.errors).toEqual([expect.objectContaining({ field: 'serviceId' })]);
    const neither = await addItem(app, { token }, { quantity: 1 });
    expectProblem(neither, 400);
    expect(neither.body.errors).toEqual([expect.objectContaining({ field: 'productId' })]);
    // null is not "left out": it is a bad id, not a different kind of item
    const nullProduct = await addItem(app, { token }, { productId: null, quantity: 1 });
    expectProblem(nullProduct, 400);
    expect(nullProduct.body.errors).toEqual([{ field: 'productId', message: 'must be a UUID' }]);
    const nullService = await addItem(app, { token }, { productId: kettle, serviceId: null, quantity: 1 });
    expectProblem(nullService, 400);
    expect(nullService.body.errors).toEqual([{ field: 'serviceId', message: 'must be a UUID' }]);

    const badId = await addItem(app, { token }, { productId: 'kettle', quantity: 1 });
    expectProblem(badId, 400);
    expect(badId.body.errors).toEqual([{ field: 'productId', message: 'must be a UUID' }]);
    const badLine = await patchLine(token, 'not-a-uuid', { quantity: 1 });
    expectProblem(badLine, 400);
    expect(badLine.body.errors).toEqual([{ field: 'id', message: 'must be a UUID' }]);
    expectProblem(await deleteLine(token, '12345'), 400);
    const extra = await patchLine(token, UNKNOWN_UUID, { quantity: 1, productId: kettle });
    expectProblem(extra, 400);
    expect(extra.body.errors).toEqual([{ field: 'productId', message: 'is not an allowed field' }]);
    expect((await getCart(app, { token })).body.items).toEqual([]);
  });

  it('keeps a deactivated product as an unpurchasable line, outside the subtotal', async () => {
    const { token } = await registerCustomer(app);
    const soon = await createProduct(f, 1200, 5, 'Discontinued seal');
    await addItem(app, { token }, { productId: soon, quantity: 2 }).expect(201);
    await addItem(app, { token }, { productId: kettle, quantity: 1 }).expect(201);
    await app.http().delete(`/api/v1/products/${soon}`).set(bearer(f.admin)).expect(204);

    const cart = await getCart(app, { token }).expect(200);
    const line = lineOf(cart.body, soon)!;
    expect(line).toEqual(expect.objectContaining({ purchasable: false, quantity: 2 }));
    expect(lineOf(cart.body, kettle)?.purchasable).toBe(true);
    expect(cart.body.warnings).toEqual([expect.objectContaining({ code: 'unavailable', itemId: line.id })]);
    expect(cart.body.subtotal).toBe(1999);
    expect(cart.body.total).toBe(1999);
    // It can still be removed.
    const removed = await deleteLine(token, line.id).expect(200);
    expect(removed.body.warnings).toEqual([]);
  });

  it('warns about a price change since the line was added and charges the new price', async () => {
    const { token } = await registerCustomer(app);
    const filter = await createProduct(f, 1000, 10, 'Carbon filter');
    await addItem(app, { token }, { productId: filter, quantity: 3 }).expect(201);
    await app.http().patch(`/api/v1/products/${filter}`).set(bearer(f.admin)).send({ price: 1250 }).expect(200);

    const cart = await getCart(app, { token }).expect(200);
    const line = lineOf(cart.body, filter)!;
    expect(line).toEqual(expect.objectContaining({ unitPrice: 1250, lineTotal: 3750 }));
    expect(cart.body.warnings).toEqual([expect.objectContaining({ code: 'price_changed', itemId: line.id, message: expect.stringContaining('£12.50') })]);
    expect(cart.body.subtotal).toBe(3750);
    expect(cart.body.total).toBe(3750);
  });

  it('warns when stock drops below the quantity in the cart', async () => {
    const { token } = await registerCustomer(app);
    const belt = await createProduct(f, 800, 6, 'Drive belt');
    await addItem(app, { token }, { productId: belt, quantity: 5 }).expect(201);
    await app.http().post(`/api/v1/products/${belt}/inventory/adjustments`).set(bearer(f.admin)).send({ delta: -4, reason: 'adjustment' }).expect(201);

    const cart = await getCart(app, { token }).expect(200);
    const line = lineOf(cart.body, belt)!;
    expect(line).toEqual(expect.objectContaining({ quantity: 5, available: 2, purchasable: true }));
    expect(cart.body.warnings).toEqual([expect.objectContaining({ code: 'insufficient_stock', itemId: line.id, message: expect.stringContaining('only 2 available') })]);
  });

  it("never lets a customer read or change another customer's line", async () => {
    const alice = await registerCustomer(app);
    const bob = await registerCustomer(app);
    const mine = await addItem(app, { token: alice.token }, { productId: kettle, quantity: 2 }).expect(201);
    await addItem(app, { token: bob.token }, { serviceId: repair, quantity: 1 }).expect(201);
    const line = mine.body.items[0].id as string;

    const patch = await patchLine(bob.token, line, { quantity: 9 });
    expectProblem(patch, 404);
    expect(patch.body.code).toBe('cart_item.not_found');
    expectProblem(await deleteLine(bob.token, line), 404);
    const anonToken = await anonymousCartWith(app, { serviceId: repair, quantity: 1 });
    expectProblem(await app.http().patch(`/api/v1/cart/items/${line}`).set(CART_TOKEN, anonToken).send({ quantity: 9 }), 404);
    expectProblem(await app.http().delete(`/api/v1/cart/items/${line}`).set(CART_TOKEN, anonToken), 404);

    const bobsCart = await getCart(app, { token: bob.token }).expect(200);
    expect(bobsCart.body.items.map((l: { id: string }) => l.id)).not.toContain(line);
    const alicesCart = await getCart(app, { token: alice.token }).expect(200);
    expect(alicesCart.body.items).toEqual([expect.objectContaining({ id: line, quantity: 2 })]);
  });

  it('turns 20 parallel adds to a signed-in cart into one line of 20', async () => {
    const { token } = await registerCustomer(app);
    const part = await createProduct(f, 300, 25);
    const results = await Promise.all(Array.from({ length: 20 }, () => addItem(app, { token }, { productId: part, quantity: 1 })));
    expect(results.map((r) => r.status)).toEqual(Array(20).fill(201));
    const cart = await getCart(app, { token }).expect(200);
    expect(cart.body.items).toEqual([expect.objectContaining({ productId: part, quantity: 20, lineTotal: 6000 })]);
    const { rows } = await app.db.query(`SELECT count(*)::int AS n FROM carts WHERE id = $1 OR (user_id IS NOT NULL AND user_id = (SELECT user_id FROM carts WHERE id = $1))`, [cart.body.id]);
    expect(rows[0].n).toBe(1);
  });

  it('turns 20 parallel adds to an anonymous cart into one line of 20', async () => {
    const part = await createProduct(f, 300, 25);
    const token = await anonymousCartWith(app, { serviceId: repair, quantity: 1 });
    const results = await Promise.all(Array.from({ length: 20 }, () => addItem(app, { cartToken: token }, { productId: part, quantity: 1 })));
    expect(results.map((r) => r.status)).toEqual(Array(20).fill(201));
    expect(results.every((r) => r.body.cartToken === undefined)).toBe(true);
    const cart = await getCart(app, { cartToken: token }).expect(200);
    expect(lineOf(cart.body, part)?.quantity).toBe(20);
    expect(cart.body.items).toHaveLength(2);
  });

  it('caps a line at 99 units', async () => {
    const { token } = await registerCustomer(app);
    await addItem(app, { token }, { serviceId: repair, quantity: 99 }).expect(201);
    const over = await addItem(app, { token }, { serviceId: repair, quantity: 1 });
    expectProblem(over, 409);
    expect(over.body.code).toBe('cart.quantity_limit');
    expect(lineOf((await getCart(app, { token })).body, repair)?.quantity).toBe(99);
  });

  // An empty query is validated once per DTO class, and the answer kept (ApiValidationPipe).
  it('validates the query of GET /cart whether or not an empty one came before', async () => {
    const { token } = await registerCustomer(app);
    for (let i = 0; i < 2; i++) await app.http().get('/api/v1/cart').set(bearer(token)).expect(200);
    const unknown = await app.http().get('/api/v1/cart?colour=red').set(bearer(token));
    expectProblem(unknown, 400);
    expect(unknown.body.errors).toEqual([{ field: 'colour', message: 'is not an allowed field' }]);
    const blank = await app.http().get('/api/v1/cart?shippingMethod=').set(bearer(token));
    expectProblem(blank, 400);
    expect(blank.body.errors).toEqual([expect.objectContaining({ field: 'shippingMethod' })]);
    await app.http().get('/api/v1/cart').set(bearer(token)).expect(200);
  });

  it('refuses an empty query every time when the route requires a parameter', async () => {
    for (let i = 0; i < 3; i++) {
      const res = await app.http().get('/api/v1/bookings/availability');
      expectProblem(res, 400);
      expect(res.body.errors).toEqual([{ field: 'serviceId', message: 'is required' }]);
    }
  });
});
