import { randomBytes } from 'node:crypto';
import { ADMIN, bearer, expectProblem, login, registerCustomer, startTestApp, TestApp } from '../support/test-app';
import { ADDRESS, addToCart, checkout, eventually, payOrder, placeOrder, SHIPPING_METHOD } from '../support/orders';
import { createProduct, fixtures } from '../support/cart-fixtures';

/** Issue 12, item 4: unpaid orders hold stock and visit slots, so how many one party may hold is capped. */
describe('security: caps on unpaid orders that hold stock or slots', () => {
  let app: TestApp;
  let product: string;
  beforeAll(async () => {
    app = await startTestApp({
      LOGIN_THROTTLE_IP_LIMIT: '1000',
      MAX_UNPAID_ORDERS_PER_CUSTOMER: '2',
      MAX_UNPAID_ORDERS_PER_EMAIL: '2',
      MAX_UNPAID_ORDERS_PER_ADDRESS: '5',
      ORDER_PAYMENT_TIMEOUT_MINUTES: '30',
      GUEST_PAYMENT_TIMEOUT_MINUTES: '10',
      ORDER_EXPIRY_INTERVAL_SECONDS: '1',
    });
    product = await createProduct(await fixtures(app), 1500, 1000);
  });
  afterAll(() => app?.stop());

  const guestCheckout = async (email: string) => {
    const { cartToken } = await addToCart(app, {}, product);
    return checkout(app, { 'X-Cart-Token': cartToken as string }, { shippingAddress: ADDRESS, shippingMethod: SHIPPING_METHOD, email });
  };
  const pendingOf = async (where: string, param: string) =>
    (await app.db.query(`SELECT count(*)::int AS n FROM orders WHERE status = 'pending' AND ${where}`, [param])).rows[0].n as number;

  it('a signed-in customer may hold two unpaid orders; the third is a 409 naming the cap, and paying one frees a place', async () => {
    const customer = await registerCustomer(app);
    const first = await placeOrder(app, customer.token, product);
    await placeOrder(app, customer.token, product);
    await addToCart(app, bearer(customer.token), product);
    const third = await checkout(app, bearer(customer.token));
    expectProblem(third, 409);
    expect(third.body).toEqual(expect.objectContaining({ code: 'checkout.unpaid_order_limit', limit: 2, scope: 'customer' }));
    expect(await pendingOf('user_id = $1', customer.id)).toBe(2);
    await payOrder(app, bearer(customer.token), first.id);
    await checkout(app, bearer(customer.token)).expect(201);
  });

  it('a guest email may hold two, counted together across case and +tag variants', async () => {
    const name = `holder${randomBytes(3).toString('hex')}`;
    await guestCheckout(`${name}@example.com`).then((r) => expect(r.status).toBe(201));
    await guestCheckout(`${name.toUpperCase()}+1@example.com`).then((r) => expect(r.status).toBe(201));
    const third = await guestCheckout(`${name}+2@Example.com`);
    expectProblem(third, 409);
    expect(third.body).toEqual(expect.objectContaining({ code: 'checkout.unpaid_order_limit', scope: 'email' }));
  });

  it('one client address may hold five, whatever emails it gives', async () => {
    // Two customer orders and two guest orders above already come from this address.
    await guestCheckout(`a-${randomBytes(3).toString('hex')}@example.com`).then((r) => expect(r.status).toBe(201));
    const next = await guestCheckout(`b-${randomBytes(3).toString('hex')}@example.com`);
    expectProblem(next, 409);
    expect(next.body).toEqual(expect.objectContaining({ code: 'checkout.unpaid_order_limit', scope: 'address' }));
  });

  it('holds a guest order for GUEST_PAYMENT_TIMEOUT_MINUTES and a customer order for ORDER_PAYMENT_TIMEOUT_MINUTES', async () => {
    const admin = await login(app, ADMIN);
    const { rows } = await app.db.query(`SELECT id, user_id FROM orders WHERE status = 'pending' ORDER BY created_at`);
    const guest = rows.find((r) => r.user_id === null).id as string;
    const customer = rows.find((r) => r.user_id !== null).id as string;
    await app.db.query(`UPDATE orders SET created_at = now() - interval '15 minutes' WHERE id = ANY($1)`, [[guest, customer]]);
    await eventually(async () => ((await app.db.query(`SELECT status FROM orders WHERE id = $1`, [guest])).rows[0].status === 'cancelled' ? true : undefined));
    // Both were stale for the guest rule in the same job run: the customer's order is still held.
    expect((await app.http().get(`/api/v1/orders/${customer}`).set(bearer(admin)).expect(200)).body.status).toBe('pending');
  });
});
