import { bearer, CUSTOMER, expectProblem, login, registerCustomer, startTestApp, TestApp } from '../support/test-app';
import { addItem, CART_TOKEN, createDiscount, createProduct, Fixtures, fixtures, getCart, UNKNOWN_UUID } from '../support/cart-fixtures';

const JOB_LOCK = 'job:expire-anonymous-carts';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('cart: admin list and the anonymous-cart expiry job', () => {
  let app: TestApp;
  let f: Fixtures;
  let part: string;

  beforeAll(async () => {
    app = await startTestApp({ CART_EXPIRY_INTERVAL_SECONDS: '1', CART_ANONYMOUS_TTL_DAYS: '2' });
    f = await fixtures(app);
    part = await createProduct(f, 700, 100);
  });
  afterAll(() => app?.stop());

  /** A new anonymous cart with `quantity` units: its token and id. */
  async function anonymousCart(quantity = 1): Promise<{ token: string; id: string }> {
    const res = await addItem(app, null, { productId: part, quantity }).expect(201);
    return { token: res.body.cartToken as string, id: res.body.id as string };
  }

  const statusOf = async (id: string): Promise<string> => (await app.db.query(`SELECT status FROM carts WHERE id = $1`, [id])).rows[0].status;
  const backdate = (id: string, days: number) => app.db.query(`UPDATE carts SET updated_at = now() - make_interval(days => $2) WHERE id = $1`, [id, days]);

  /** Polls until the cart has the status, for at most `ms`; returns the last status seen. */
  async function waitForStatus(id: string, status: string, ms = 8000): Promise<string> {
    const deadline = Date.now() + ms;
    let seen = await statusOf(id);
    while (seen !== status && Date.now() < deadline) {
      await sleep(150);
      seen = await statusOf(id);
    }
    return seen;
  }

  describe('admin carts', () => {
    it('lists carts paged, filtered by status and by user', async () => {
      const user = await registerCustomer(app);
      await addItem(app, { token: user.token }, { productId: part, quantity: 2 }).expect(201);
      const anon = await anonymousCart(3);
      await app.http().post('/api/v1/auth/login').set(CART_TOKEN, anon.token).send({ email: user.email, password: user.password }).expect(200);
      const mine = (await getCart(app, { token: user.token }).expect(200)).body;
      const other = await anonymousCart();

      const merged = await app.http().get('/api/v1/admin/carts?status=merged&limit=100').set(bearer(f.admin)).expect(200);
      expect(merged.body.items).toEqual(expect.arrayContaining([expect.objectContaining({ id: anon.id, status: 'merged', userId: null, itemCount: 3 })]));
      expect(merged.body.items.every((c: { status: string }) => c.status === 'merged')).toBe(true);
      expect(merged.body.items.map((c: { id: string }) => c.id)).not.toContain(other.id);

      const byUser = await app.http().get(`/api/v1/admin/carts?userId=${user.id}`).set(bearer(f.admin)).expect(200);
      expect(byUser.body).toEqual(expect.objectContaining({ total: 1, page: 1, limit: 20 }));
      expect(byUser.body.items).toEqual([expect.objectContaining({ id: mine.id, userId: user.id, status: 'active', itemCount: 5, discountCode: null })]);
      const active = await app.http().get(`/api/v1/admin/carts?status=active&userId=${user.id}`).set(bearer(f.admin)).expect(200);
      expect(active.body.total).toBe(1);
      const none = await app.http().get(`/api/v1/admin/carts?status=merged&userId=${user.id}`).set(bearer(f.admin)).expect(200);
      expect(none.body).toEqual(expect.objectContaining({ items: [], total: 0 }));

      const first = await app.http().get('/api/v1/admin/carts?limit=1&page=1').set(bearer(f.admin)).expect(200);
      const second = await app.http().get('/api/v1/admin/carts?limit=1&page=2').set(bearer(f.admin)).expect(200);
      expect(first.body).toEqual(expect.objectContaining({ page: 1, limit: 1 }));
      expect(first.body.total).toBeGreaterThanOrEqual(3);
      expect(first.body.items).toHaveLength(1);
      expect(second.body.items).toHaveLength(1);
      expect(second.body.items[0].id).not.toBe(first.body.items[0].id);

      for (const q of ['status=abandoned', 'userId=me', 'limit=101', 'page=0']) {
        const res = await app.http().get(`/api/v1/admin/carts?${q}`).set(bearer(f.admin));
        expectProblem(res, 400);
        expect(res.body.errors[0].field).toBe(q.split('=')[0]);
      }
    });

    it('keeps customers out of the admin cart and discount routes (403) and anonymous callers out (401)', async () => {
      const customer = await login(app, CUSTOMER);
      const { id } = await createDiscount(f, {});
      const calls = [
        () => app.http().get('/api/v1/admin/carts'),
        () => app.http().get('/api/v1/admin/discounts'),
        () => app.http().get(`/api/v1/admin/discounts/${id}`),
        () => app.http().post('/api/v1/admin/discounts').send({ code: 'MINE100', name: 'Mine', type: 'percentage', value: 100 }),
        () => app.http().patch(`/api/v1/admin/discounts/${id}`).send({ value: 100 }),
        () => app.http().delete(`/api/v1/admin/discounts/${id}`),
        () => app.http().delete(`/api/v1/admin/discounts/${UNKNOWN_UUID}`),
      ];
      for (const call of calls) {
        expectProblem(await call().set(bearer(customer)), 403);
        expectProblem(await call(), 401);
      }
      const unchanged = await app.http().get(`/api/v1/admin/discounts/${id}`).set(bearer(f.admin)).expect(200);
      expect(unchanged.body).toEqual(expect.objectContaining({ value: 10, isActive: true }));
      const { rowCount } = await app.db.query(`SELECT 1 FROM discounts WHERE code = 'MINE100'`);
      expect(rowCount).toBe(0);
    });
  });

  describe('expiry job', () => {
    it('expires anonymous carts untouched for longer than the TTL, and nothing else', async () => {
      const stale = await anonymousCart();
      const recent = await anonymousCart();
      const fresh = await anonymousCart();
      const user = await registerCustomer(app);
      const usersCart = (await addItem(app, { token: user.token }, { productId: part, quantity: 1 }).expect(201)).body.id as string;
      await backdate(stale.id, 3);
      await backdate(recent.id, 1); // inside the 2-day TTL
      await backdate(usersCart, 30); // carts of signed-in users never expire

      expect(await waitForStatus(stale.id, 'expired')).toBe('expired');
      await sleep(1200); // at least one more run, which must leave the others alone
      expect(await statusOf(recent.id)).toBe('active');
      expect(await statusOf(fresh.id)).toBe('active');
      expect(await statusOf(usersCart)).toBe('active');
      expectProblem(await getCart(app, { cartToken: stale.token }), 404);
      expectProblem(await addItem(app, { cartToken: stale.token }, { productId: part, quantity: 1 }), 404);
      await getCart(app, { cartToken: fresh.token }).expect(200);
      const expired = await app.http().get('/api/v1/admin/carts?status=expired&limit=100').set(bearer(f.admin)).expect(200);
      expect(expired.body.items.map((c: { id: string }) => c.id)).toContain(stale.id);
    });

    it('skips a run while another process holds the job lock', async () => {
      const cart = await anonymousCart();
      const other = await app.db.connect();
      try {
        await other.query(`SELECT pg_advisory_lock(hashtext($1))`, [JOB_LOCK]);
        await backdate(cart.id, 5);
        await sleep(2500); // two or more runs
        expect(await statusOf(cart.id)).toBe('active');
        await other.query(`SELECT pg_advisory_unlock(hashtext($1))`, [JOB_LOCK]);
        expect(await waitForStatus(cart.id, 'expired')).toBe('expired');
      } finally {
        await other.query(`SELECT pg_advisory_unlock_all()`);
        other.release();
      }
    });

    it('leaves a cart that is being written (row locked) for a later run instead of waiting on it', async () => {
      const busy = await anonymousCart();
      const idle = await anonymousCart();
      await backdate(busy.id, 5);
      await backdate(idle.id, 5);
      const writer = await app.db.connect();
      try {
        await writer.query('BEGIN');
        await writer.query(`SELECT id FROM carts WHERE id = $1 FOR UPDATE`, [busy.id]);
        expect(await waitForStatus(idle.id, 'expired')).toBe('expired');
        expect(await statusOf(busy.id)).toBe('active');
        await writer.query('COMMIT');
        expect(await waitForStatus(busy.id, 'expired')).toBe('expired');
      } finally {
        await writer.query('ROLLBACK').catch(() => undefined);
        writer.release();
      }
    });
  });
});
