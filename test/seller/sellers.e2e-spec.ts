import { createCategory, createProduct, PageBody, ProductBody } from '../support/catalog';
import { ADDRESS, addToCart, checkout, OrderBody, SHIPPING_METHOD } from '../support/orders';
import { ADMIN, bearer, expectProblem, login, registerCustomer, startTestApp, TECHNICIAN, TestApp } from '../support/test-app';

interface SellerProductBody extends ProductBody {
  stock: { onHand: number; reserved: number; available: number };
}

interface SellerOrderBody {
  id: string;
  number: number;
  status: string;
  currency: string;
  shippingAddress: Record<string, string> | null;
  createdAt: string;
  items: { id: string; productId: string; name: string; unitPrice: number; quantity: number; lineTotal: number }[];
  itemsTotal: number;
}

interface Seller {
  id: string;
  name: string;
  token: string;
}

describe('sellers: own products, their stock and the orders for them', () => {
  let app: TestApp;
  let admin: string;
  let category: string;
  let sellerA: Seller;
  let sellerB: Seller;
  let customer: string;

  /** A registered account that an admin makes a seller; it signs in again to act as one. */
  const newSeller = async (name: string): Promise<Seller> => {
    const account = await registerCustomer(app, { fullName: name });
    const granted = await app.http().patch(`/api/v1/admin/users/${account.id}`).set(bearer(admin)).send({ role: 'seller' }).expect(200);
    expect(granted.body.role).toBe('seller');
    return { id: account.id, name, token: await login(app, { email: account.email, password: account.password }) };
  };

  beforeAll(async () => {
    app = await startTestApp();
    admin = await login(app, ADMIN);
    category = await createCategory(app, admin, 'seller-parts');
    sellerA = await newSeller('Ada Appliances');
    sellerB = await newSeller('Bob Spares');
    customer = (await registerCustomer(app)).token;
  });
  afterAll(() => app?.stop());

  const createAs = (token: string, name: string, price = 1000, initialStock = 10) => createProduct(app, token, { name, price, category, initialStock });
  const productOf = async (id: string, token?: string) => {
    const req = app.http().get(`/api/v1/products/${id}`);
    return (token ? req.set(bearer(token)) : req).expect(200).then((r) => r.body as ProductBody);
  };
  const inventoryOf = async (id: string) => (await app.http().get(`/api/v1/products/${id}/inventory`).set(bearer(admin)).expect(200)).body;

  /** Every write and inventory route of one product, as `token`. */
  const routesOn = (productId: string) => [
    { name: 'PATCH product', send: (token: string) => app.http().patch(`/api/v1/products/${productId}`).set(bearer(token)).send({ price: 1111 }), ok: 200 },
    {
      name: 'POST inventory adjustment',
      send: (token: string) => app.http().post(`/api/v1/products/${productId}/inventory/adjustments`).set(bearer(token)).send({ delta: 2, reason: 'restock' }),
      ok: 201,
    },
    { name: 'GET inventory', send: (token: string) => app.http().get(`/api/v1/products/${productId}/inventory`).set(bearer(token)), ok: 200 },
    { name: 'GET stock movements', send: (token: string) => app.http().get(`/api/v1/products/${productId}/inventory/movements`).set(bearer(token)), ok: 200 },
    { name: 'DELETE product', send: (token: string) => app.http().delete(`/api/v1/products/${productId}`).set(bearer(token)), ok: 204 },
  ];

  it('an admin grants the role; a seller creates products they own, shown publicly with their seller', async () => {
    const roles = await app.http().get('/api/v1/roles').set(bearer(admin)).expect(200);
    expect(roles.body).toContainEqual({ name: 'seller', description: expect.any(String) });

    const own = await createAs(sellerA.token, 'Ada Door Seal', 1999, 7);
    expect(own.seller).toEqual({ id: sellerA.id, name: 'Ada Appliances' });
    const house = await createAs(admin, 'House Door Seal', 2099, 7);
    expect(house.seller).toBeNull();

    expect((await productOf(own.id)).seller).toEqual({ id: sellerA.id, name: 'Ada Appliances' });
    expect((await productOf(house.id)).seller).toBeNull();
    const list = (await app.http().get(`/api/v1/products?category=${category}&limit=100`).expect(200)).body as PageBody<ProductBody>;
    expect(list.items.find((p) => p.id === own.id)?.seller).toEqual({ id: sellerA.id, name: 'Ada Appliances' });
    expect(list.items.find((p) => p.id === house.id)?.seller).toBeNull();
    const search = (await app.http().get(`/api/v1/products/search?q=door seal&category=${category}`).expect(200)).body as PageBody<ProductBody>;
    expect(search.items.map((p) => [p.name, p.seller?.name ?? null])).toEqual(
      expect.arrayContaining([
        ['Ada Door Seal', 'Ada Appliances'],
        ['House Door Seal', null],
      ]),
    );

    // The name is the seller's current one, read with the product.
    await app.http().patch('/api/v1/users/me').set(bearer(sellerA.token)).send({ fullName: 'Ada Appliances Ltd' }).expect(200);
    expect((await productOf(own.id)).seller).toEqual({ id: sellerA.id, name: 'Ada Appliances Ltd' });
    await app.http().patch('/api/v1/users/me').set(bearer(sellerA.token)).send({ fullName: 'Ada Appliances' }).expect(200);
  });

  it("isolation: each seller on the other's product (and on the house's) gets 404 on every write and inventory route, and nothing changes", async () => {
    const ofA = await createAs(sellerA.token, 'Ada Drain Pump', 3000, 5);
    const ofB = await createAs(sellerB.token, 'Bob Drain Pump', 3100, 6);
    const house = await createAs(admin, 'House Drain Pump', 3200, 4);

    for (const [who, productId] of [
      [sellerA, ofB.id],
      [sellerB, ofA.id],
      [sellerA, house.id],
      [sellerB, house.id],
    ] as const) {
      for (const route of routesOn(productId)) {
        const res = await route.send(who.token);
        expectProblem(res, 404);
        expect({ route: route.name, status: res.status }).toEqual({ route: route.name, status: 404 });
      }
    }
    // Nothing was written: names, prices, activity and stock are as created, and no movement was added.
    for (const [product, onHand] of [
      [ofA, 5],
      [ofB, 6],
      [house, 4],
    ] as const) {
      const now = await productOf(product.id);
      expect({ price: now.price, isActive: now.isActive }).toEqual({ price: product.price, isActive: true });
      expect(await inventoryOf(product.id)).toEqual({ productId: product.id, onHand, reserved: 0, available: onHand });
      const movements = await app.http().get(`/api/v1/products/${product.id}/inventory/movements`).set(bearer(admin)).expect(200);
      expect(movements.body.total).toBe(1);
    }
  });

  it('a seller changes, restocks, reads and deactivates their own products; admins do all of it to any product', async () => {
    for (const [token, owner] of [
      [sellerA.token, sellerA.token],
      [sellerB.token, sellerB.token],
      [admin, sellerA.token],
      [admin, sellerB.token],
      [admin, admin],
    ] as const) {
      const product = await createAs(owner, `Fan Motor ${Math.random().toString(36).slice(2, 8)}`, 2500, 3);
      for (const route of routesOn(product.id)) {
        const res = await route.send(token);
        expect({ route: route.name, status: res.status }).toEqual({ route: route.name, status: route.ok });
      }
      const after = (await app.http().get(`/api/v1/products/${product.id}`).set(bearer(admin)).expect(200)).body as ProductBody;
      expect({ price: after.price, isActive: after.isActive, onHand: (await inventoryOf(product.id)).onHand }).toEqual({ price: 1111, isActive: false, onHand: 5 });
    }
  });

  it('a seller sees their own deactivated product by id; other sellers and the public do not', async () => {
    const product = await createAs(sellerA.token, 'Ada Retired Filter', 500, 1);
    await app.http().delete(`/api/v1/products/${product.id}`).set(bearer(sellerA.token)).expect(204);
    expect((await productOf(product.id, sellerA.token)).isActive).toBe(false);
    expectProblem(await app.http().get(`/api/v1/products/${product.id}`).set(bearer(sellerB.token)), 404);
    expectProblem(await app.http().get(`/api/v1/products/${product.id}`), 404);
    // ...and can bring it back.
    const back = await app.http().patch(`/api/v1/products/${product.id}`).set(bearer(sellerA.token)).send({ isActive: true }).expect(200);
    expect(back.body.isActive).toBe(true);
  });

  it('customers and technicians keep 403 on product writes, inventory and seller routes; anonymous callers 401', async () => {
    const product = await createAs(sellerA.token, 'Ada Hinge', 800, 2);
    const technician = await login(app, TECHNICIAN);
    for (const token of [customer, technician]) {
      expectProblem(await app.http().post('/api/v1/products').set(bearer(token)).send({ name: 'Nope', price: 1, category }), 403);
      for (const route of routesOn(product.id)) expectProblem(await route.send(token), 403);
      expectProblem(await app.http().get('/api/v1/seller/products').set(bearer(token)), 403);
      expectProblem(await app.http().get('/api/v1/seller/orders').set(bearer(token)), 403);
    }
    // Categories (and repair services) stay the admins'.
    expectProblem(await app.http().post('/api/v1/categories').set(bearer(sellerA.token)).send({ slug: 'seller-made', name: 'Seller made' }), 403);
    for (const path of ['/api/v1/seller/products', '/api/v1/seller/orders']) expectProblem(await app.http().get(path), 401);
    expectProblem(await app.http().post('/api/v1/products').send({ name: 'Nope', price: 1, category }), 401);
  });

  it('GET seller/products lists only the caller’s products, newest first, with their stock, deactivated ones too', async () => {
    const seller = await newSeller('Cleo Components');
    const other = await createAs(sellerB.token, 'Bob Thermostat', 1500, 9);
    const first = await createAs(seller.token, 'Cleo Thermostat', 1400, 8);
    const second = await createAs(seller.token, 'Cleo Timer', 1600, 0);
    await app.http().delete(`/api/v1/products/${second.id}`).set(bearer(seller.token)).expect(204);
    // Stock held by an order shows as reserved.
    await addToCart(app, bearer(customer), first.id, 3);
    const order = await checkout(app, bearer(customer));
    expect(order.status).toBe(201);

    const page = (await app.http().get('/api/v1/seller/products').set(bearer(seller.token)).expect(200)).body as PageBody<SellerProductBody>;
    expect(page).toEqual(expect.objectContaining({ total: 2, page: 1, limit: 20 }));
    expect(page.items.map((p) => p.id)).toEqual([second.id, first.id]);
    expect(page.items.map((p) => p.id)).not.toContain(other.id);
    expect(page.items[1]).toEqual(
      expect.objectContaining({
        name: 'Cleo Thermostat',
        seller: { id: seller.id, name: 'Cleo Components' },
        stock: { onHand: 8, reserved: 3, available: 5 },
        availability: { available: 5, inStock: true },
      }),
    );
    expect(page.items[0]).toEqual(expect.objectContaining({ isActive: false, stock: { onHand: 0, reserved: 0, available: 0 } }));

    const active = (await app.http().get('/api/v1/seller/products?status=active').set(bearer(seller.token)).expect(200)).body as PageBody<SellerProductBody>;
    expect(active.items.map((p) => p.id)).toEqual([first.id]);
    const paged = (await app.http().get('/api/v1/seller/products?limit=1&page=2').set(bearer(seller.token)).expect(200)).body as PageBody<SellerProductBody>;
    expect(paged).toEqual(expect.objectContaining({ total: 2, page: 2, limit: 1, items: [expect.objectContaining({ id: first.id })] }));
    expectProblem(await app.http().get('/api/v1/seller/products?limit=1000').set(bearer(seller.token)), 400);
  });

  it("GET seller/orders shows each seller only their own lines of a mixed order (A's, B's and the house's products)", async () => {
    const a = await createAs(sellerA.token, 'Ada Element', 2000, 10);
    const b = await createAs(sellerB.token, 'Bob Element', 3000, 10);
    const house = await createAs(admin, 'House Element', 4000, 10);
    const buyer = await registerCustomer(app);
    const auth = bearer(buyer.token);
    await addToCart(app, auth, a.id, 2);
    await addToCart(app, auth, b.id, 1);
    await addToCart(app, auth, house.id, 1);
    const placed = await checkout(app, auth, { shippingAddress: ADDRESS, shippingMethod: SHIPPING_METHOD });
    expect(placed.status).toBe(201);
    const order = placed.body as OrderBody;
    expect(order.items).toHaveLength(3);

    const ordersOf = async (token: string, query = '') =>
      (await app.http().get(`/api/v1/seller/orders${query}`).set(bearer(token)).expect(200)).body as PageBody<SellerOrderBody>;
    const forA = (await ordersOf(sellerA.token)).items.find((o) => o.id === order.id);
    expect(forA).toEqual({
      id: order.id,
      number: order.number,
      status: 'pending',
      currency: 'GBP',
      shippingAddress: ADDRESS,
      createdAt: order.createdAt,
      items: [{ id: expect.any(String), productId: a.id, name: 'Ada Element', unitPrice: 2000, quantity: 2, lineTotal: 4000 }],
      itemsTotal: 4000,
    });
    const forB = (await ordersOf(sellerB.token)).items.find((o) => o.id === order.id);
    expect(forB?.items).toEqual([{ id: expect.any(String), productId: b.id, name: 'Bob Element', unitPrice: 3000, quantity: 1, lineTotal: 3000 }]);
    expect(forB?.itemsTotal).toBe(3000);
    // Nothing about the buyer's account, the other lines or the order's totals.
    expect(JSON.stringify(forA)).not.toMatch(/Bob Element|House Element|subtotal|"total"|userId|guestEmail/);
    expect(Object.keys(forA ?? {})).not.toEqual(expect.arrayContaining(['total']));

    // Products added to the pending order later are the seller's lines too.
    await app.http().post(`/api/v1/orders/${order.id}/items`).set(auth).send({ items: [{ productId: b.id, quantity: 1 }] }).expect(200);
    const forBAfter = (await ordersOf(sellerB.token)).items.find((o) => o.id === order.id);
    expect(forBAfter?.items).toEqual([expect.objectContaining({ productId: b.id, quantity: 2, lineTotal: 6000 })]);

    // Lines keep the seller they were sold by: moving the product to another owner later rewrites no past sale.
    await app.db.query(`UPDATE products SET owner_id = $2 WHERE id = $1`, [a.id, sellerB.id]);
    expect((await ordersOf(sellerA.token)).items.find((o) => o.id === order.id)?.items.map((i) => i.productId)).toEqual([a.id]);
    expect((await ordersOf(sellerB.token)).items.find((o) => o.id === order.id)?.items.map((i) => i.productId)).toEqual([b.id]);
    await app.db.query(`UPDATE products SET owner_id = $2 WHERE id = $1`, [a.id, sellerA.id]);

    // The status filter; a seller with no sales sees none.
    expect((await ordersOf(sellerA.token, '?status=paid')).items.map((o) => o.id)).not.toContain(order.id);
    expect((await ordersOf(sellerA.token, '?status=pending')).items.map((o) => o.id)).toContain(order.id);
    const idle = await newSeller('Idle Ian');
    expect(await ordersOf(idle.token)).toEqual({ items: [], total: 0, page: 1, limit: 20 });
    expectProblem(await app.http().get('/api/v1/seller/orders?status=lost').set(bearer(sellerA.token)), 400);
  });

  it('a seller cannot review their own product; other sellers and customers can', async () => {
    const product = await createAs(sellerA.token, 'Ada Filter Basket', 900, 3);
    const review = (token: string) => app.http().post(`/api/v1/products/${product.id}/reviews`).set(bearer(token)).send({ rating: 5, comment: 'Great' });
    expectProblem(await review(sellerA.token), 403);
    await review(sellerB.token).expect(201);
    await review(customer).expect(201);
  });

  it('a seller buying is an ordinary customer of their order: it is theirs to read and cancel, and history says customer', async () => {
    const product = await createAs(admin, 'House Knob', 300, 5);
    await addToCart(app, bearer(sellerA.token), product.id, 1);
    const placed = await checkout(app, bearer(sellerA.token));
    expect(placed.status).toBe(201);
    const cancelled = await app.http().post(`/api/v1/orders/${placed.body.id}/cancel`).set(bearer(sellerA.token)).send({}).expect(200);
    expect(cancelled.body.status).toBe('cancelled');
    const history = await app.http().get(`/api/v1/orders/${placed.body.id}/history`).set(bearer(sellerA.token)).expect(200);
    expect(history.body.map((h: { actorRole: string }) => h.actorRole)).toEqual(['customer', 'customer']);
    expectProblem(await app.http().get(`/api/v1/orders/${placed.body.id}`).set(bearer(sellerB.token)), 404);
  });
});
