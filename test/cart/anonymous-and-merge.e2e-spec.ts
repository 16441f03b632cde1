import { randomBytes } from 'node:crypto';
import { bearer, expectProblem, registerCustomer, startTestApp, TestApp } from '../support/test-app';
import {
  addItem,
  anonymousCartWith,
  CART_TOKEN,
  createDiscount,
  createProduct,
  createService,
  Fixtures,
  fixtures,
  getCart,
  lineOf,
} from '../support/cart-fixtures';

describe('cart: anonymous carts and the merge at sign-in', () => {
  let app: TestApp;
  let f: Fixtures;
  let pump: string; // 1500p, 5 in stock
  let filter: string; // 250p, 50 in stock
  let repair: string; // 8900p service

  beforeAll(async () => {
    app = await startTestApp({ LOGIN_THROTTLE_IP_LIMIT: '1000', LOGIN_THROTTLE_ACCOUNT_LIMIT: '1000' });
    f = await fixtures(app);
    [pump, filter, repair] = await Promise.all([createProduct(f, 1500, 5), createProduct(f, 250, 50), createService(f, 8900)]);
  });
  afterAll(() => app?.stop());

  const loginWith = (who: { email: string; password: string }, cartToken?: string) =>
    app
      .http()
      .post('/api/v1/auth/login')
      .set(cartToken ? { [CART_TOKEN]: cartToken } : {})
      .send({ email: who.email, password: who.password })
      .expect(200);

  it('hands out an opaque random token on the first anonymous write, in the header and the body', async () => {
    const first = await addItem(app, null, { productId: filter, quantity: 2 }).expect(201);
    const token = first.headers[CART_TOKEN];
    expect(token).toMatch(/^[A-Za-z0-9_-]{22,}$/);
    expect(Buffer.from(token, 'base64url').length).toBeGreaterThanOrEqual(16);
    expect(first.body.cartToken).toBe(token);
    expect(first.body).toEqual(
      expect.objectContaining({ id: expect.any(String), status: 'active', itemCount: 2, subtotal: 500, discount: null, total: 500, currency: 'GBP' }),
    );
    expect(first.body.items).toEqual([
      expect.objectContaining({ kind: 'product', productId: filter, serviceId: null, unitPrice: 250, quantity: 2, lineTotal: 500, purchasable: true }),
    ]);

    // Only a hash is stored: the database alone does not let anyone use the cart.
    const stored = await app.db.query(`SELECT token_hash FROM carts WHERE id = $1`, [first.body.id]);
    expect(stored.rows[0].token_hash).not.toContain(token);
    const other = await addItem(app, null, { productId: filter, quantity: 1 }).expect(201);
    expect(other.body.cartToken).not.toBe(token);
    expect(other.body.id).not.toBe(first.body.id);
  });

  it('finds the cart again by its token; later writes return no new token and raise the same line', async () => {
    const token = await anonymousCartWith(app, { productId: filter, quantity: 1 });
    const again = await addItem(app, { cartToken: token }, { productId: filter, quantity: 3 }).expect(201);
    expect(again.headers[CART_TOKEN]).toBeUndefined();
    expect(again.body.cartToken).toBeUndefined();
    expect(again.body.items).toHaveLength(1);
    expect(again.body.items[0]).toEqual(expect.objectContaining({ productId: filter, quantity: 4, lineTotal: 1000 }));

    const read = await getCart(app, { cartToken: token }).expect(200);
    expect(read.body.id).toBe(again.body.id);
    expect(read.body.items.map((l: { quantity: number }) => l.quantity)).toEqual([4]);
    expect(read.body.cartToken).toBeUndefined();
  });

  it('answers a token that names no cart with 404 on reads and writes, creating nothing', async () => {
    const { rows: before } = await app.db.query(`SELECT count(*)::int AS n FROM carts`);
    for (const token of [randomBytes(32).toString('base64url'), 'not-a-token']) {
      expectProblem(await getCart(app, { cartToken: token }), 404);
      const write = await addItem(app, { cartToken: token }, { productId: filter, quantity: 1 });
      expectProblem(write, 404);
      expect(write.headers[CART_TOKEN]).toBeUndefined();
    }
    const { rows: after } = await app.db.query(`SELECT count(*)::int AS n FROM carts`);
    expect(after[0].n).toBe(before[0].n);
  });

  it('shows an empty cart to a caller with neither token nor account, without creating one', async () => {
    const res = await getCart(app, null).expect(200);
    expect(res.body).toEqual(expect.objectContaining({ id: null, items: [], itemCount: 0, subtotal: 0, total: 0, discount: null, warnings: [] }));
  });

  it('merges at login: quantities summed and capped at stock, new items added, the anonymous cart closed', async () => {
    const user = await registerCustomer(app);
    await addItem(app, { token: user.token }, { productId: pump, quantity: 3 }).expect(201);
    const token = await anonymousCartWith(app, { productId: pump, quantity: 4 });
    await addItem(app, { cartToken: token }, { serviceId: repair, quantity: 1 }).expect(201);
    await addItem(app, { cartToken: token }, { productId: filter, quantity: 2 }).expect(201);
    const anonymous = await getCart(app, { cartToken: token }).expect(200);

    const session = await loginWith(user, token);
    const cart = await getCart(app, { token: session.body.accessToken }).expect(200);
    expect(cart.body.items).toHaveLength(3);
    expect(lineOf(cart.body, pump)?.quantity).toBe(5); // 3 + 4, but only 5 in stock
    expect(lineOf(cart.body, filter)?.quantity).toBe(2);
    expect(lineOf(cart.body, repair)?.quantity).toBe(1);
    expect(cart.body.subtotal).toBe(5 * 1500 + 2 * 250 + 8900);
    expect(cart.body.warnings).toEqual([]);

    expectProblem(await getCart(app, { cartToken: token }), 404);
    expectProblem(await addItem(app, { cartToken: token }, { productId: filter, quantity: 1 }), 404);
    const line = anonymous.body.items[0].id as string;
    expectProblem(await app.http().patch(`/api/v1/cart/items/${line}`).set(CART_TOKEN, token).send({ quantity: 1 }), 404);
    expectProblem(await app.http().delete(`/api/v1/cart/items/${line}`).set(CART_TOKEN, token), 404);
    const { rows } = await app.db.query(`SELECT status FROM carts WHERE id = $1`, [anonymous.body.id]);
    expect(rows[0].status).toBe('merged');

    // Signing in again with the spent token changes nothing.
    await loginWith(user, token);
    const unchanged = await getCart(app, { token: session.body.accessToken }).expect(200);
    expect(unchanged.body.items.map((l: { quantity: number }) => l.quantity).sort()).toEqual([1, 2, 5]);
  });

  it('merges at registration into the new account, carrying the discount code along', async () => {
    const code = await createDiscount(f, { type: 'fixed', value: 100 });
    const token = await anonymousCartWith(app, { productId: filter, quantity: 3 });
    await app.http().post('/api/v1/cart/discount').set(CART_TOKEN, token).send({ code: code.code }).expect(200);

    const registered = await app
      .http()
      .post('/api/v1/auth/register')
      .set(CART_TOKEN, token)
      .send({ email: `merge-${randomBytes(4).toString('hex')}@example.com`, password: 'a long enough passphrase', fullName: 'Merging Shopper' })
      .expect(201);
    const cart = await getCart(app, { token: registered.body.accessToken }).expect(200);
    expect(cart.body.items).toEqual([expect.objectContaining({ productId: filter, quantity: 3, lineTotal: 750 })]);
    expect(cart.body.discount).toEqual({ code: code.code, amount: 100 });
    expect(cart.body.total).toBe(650);
    expectProblem(await getCart(app, { cartToken: token }), 404);
  });

  it('leaves the signed-in cart alone at a login without a token, and never issues tokens to signed-in users', async () => {
    const user = await registerCustomer(app);
    const added = await addItem(app, { token: user.token }, { productId: filter, quantity: 1 }).expect(201);
    expect(added.headers[CART_TOKEN]).toBeUndefined();
    expect(added.body.cartToken).toBeUndefined();
    const session = await loginWith(user);
    const cart = await app.http().get('/api/v1/cart').set(bearer(session.body.accessToken)).expect(200);
    expect(cart.body.id).toBe(added.body.id);
    expect(cart.body.items.map((l: { quantity: number }) => l.quantity)).toEqual([1]);
  });
});
