import { randomUUID } from 'node:crypto';
import { bearer, expectProblem, registerCustomer, startTestApp, TestApp } from '../support/test-app';
import { addItem, createDiscount, createProduct, createService, Fixtures, fixtures, getCart, unique, UNKNOWN_UUID } from '../support/cart-fixtures';

const DAY = 86_400_000;
const iso = (offsetMs: number) => new Date(Date.now() + offsetMs).toISOString();

describe('cart: discount codes', () => {
  let app: TestApp;
  let f: Fixtures;
  let odd: string; // 1005p: 10% of it is 100.5p
  let hose: string; // 2000p
  let repair: string; // 8000p service

  beforeAll(async () => {
    app = await startTestApp();
    f = await fixtures(app);
    [odd, hose, repair] = await Promise.all([createProduct(f, 1005, 50), createProduct(f, 2000, 50), createService(f, 8000)]);
  });
  afterAll(() => app?.stop());

  const admin = () => app.http();
  const apply = (token: string, code: string) => app.http().post('/api/v1/cart/discount').set(bearer(token)).send({ code });

  /** A new customer whose cart holds the given lines. */
  async function shopperWith(...lines: Record<string, unknown>[]): Promise<{ token: string; id: string; email: string }> {
    const customer = await registerCustomer(app);
    for (const line of lines) await addItem(app, { token: customer.token }, line).expect(201);
    return customer;
  }

  describe('administration', () => {
    it('creates codes stored upper-case, unique whatever the case, and reads, lists, changes and deactivates them', async () => {
      const code = unique('spring').toLowerCase();
      const created = await admin()
        .post('/api/v1/admin/discounts')
        .set(bearer(f.admin))
        .send({ code, name: 'Spring sale', type: 'percentage', value: 15, minSubtotal: 1000, maxUses: 50, perCustomerLimit: 2, appliesTo: 'products', validTo: iso(30 * DAY) })
        .expect(201);
      expect(created.body).toEqual(
        expect.objectContaining({
          id: expect.any(String),
          code: code.toUpperCase(),
          type: 'percentage',
          value: 15,
          isActive: true,
          minSubtotal: 1000,
          maxUses: 50,
          perCustomerLimit: 2,
          appliesTo: 'products',
          timesUsed: 0,
          validFrom: null,
        }),
      );
      const dup = await admin().post('/api/v1/admin/discounts').set(bearer(f.admin)).send({ code: code.toUpperCase(), name: 'Again', type: 'fixed', value: 100 });
      expectProblem(dup, 409);
      expect(dup.body.code).toBe('discount.code_taken');

      const id = created.body.id as string;
      expect((await admin().get(`/api/v1/admin/discounts/${id}`).set(bearer(f.admin)).expect(200)).body.code).toBe(code.toUpperCase());
      const patched = await admin().patch(`/api/v1/admin/discounts/${id}`).set(bearer(f.admin)).send({ value: 20, appliesTo: 'all' }).expect(200);
      expect(patched.body).toEqual(expect.objectContaining({ value: 20, appliesTo: 'all', name: 'Spring sale', minSubtotal: 1000 }));
      await admin().delete(`/api/v1/admin/discounts/${id}`).set(bearer(f.admin)).expect(204);
      expect((await admin().get(`/api/v1/admin/discounts/${id}`).set(bearer(f.admin)).expect(200)).body.isActive).toBe(false);

      const inactive = await admin().get('/api/v1/admin/discounts?isActive=false&limit=100').set(bearer(f.admin)).expect(200);
      expect(inactive.body.items.map((d: { id: string }) => d.id)).toContain(id);
      expect(inactive.body.items.every((d: { isActive: boolean }) => d.isActive === false)).toBe(true);
      const active = await admin().get('/api/v1/admin/discounts?isActive=true&limit=100').set(bearer(f.admin)).expect(200);
      expect(active.body.items.map((d: { id: string }) => d.id)).not.toContain(id);
      expectProblem(await admin().get(`/api/v1/admin/discounts/${UNKNOWN_UUID}`).set(bearer(f.admin)), 404);
      expectProblem(await admin().get('/api/v1/admin/discounts/not-a-uuid').set(bearer(f.admin)), 400);
    });

    it('lets only one of several simultaneous creates of the same code win, the others 409', async () => {
      const code = unique('RACE').toUpperCase();
      const results = await Promise.all(
        [code, code.toLowerCase(), code, code.toLowerCase(), code].map((c) =>
          admin().post('/api/v1/admin/discounts').set(bearer(f.admin)).send({ code: c, name: 'Race', type: 'fixed', value: 100 }),
        ),
      );
      expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409]);
      for (const r of results.filter((x) => x.status === 409)) expect(r.body.code).toBe('discount.code_taken');
    });

    it('rejects impossible codes with 400 naming the field', async () => {
      const base = { code: unique('BAD'), name: 'Bad', type: 'percentage', value: 10 };
      const cases: [Record<string, unknown>, string][] = [
        [{ type: 'bogus' }, 'type'],
        [{ value: 101 }, 'value'],
        [{ value: 0 }, 'value'],
        [{ code: 'a b' }, 'code'],
        [{ appliesTo: 'everything' }, 'appliesTo'],
        [{ validFrom: iso(2 * DAY), validTo: iso(DAY) }, 'validTo'],
        [{ validTo: '2030-01-01' }, 'validTo'],
        [{ timesUsed: 5 }, 'timesUsed'],
      ];
      for (const [change, field] of cases) {
        const res = await admin().post('/api/v1/admin/discounts').set(bearer(f.admin)).send({ ...base, ...change });
        expectProblem(res, 400);
        expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
      }
      const { id } = await createDiscount(f, {});
      for (const field of ['name', 'isActive', 'type', 'minSubtotal', 'appliesTo']) {
        const res = await admin().patch(`/api/v1/admin/discounts/${id}`).set(bearer(f.admin)).send({ [field]: null });
        expectProblem(res, 400);
        expect(res.body.errors.length).toBeGreaterThan(0);
        expect(res.body.errors.every((e: { field: string }) => e.field === field)).toBe(true);
      }
      const res = await admin().patch(`/api/v1/admin/discounts/${id}`).set(bearer(f.admin)).send({ code: 'RENAMED' });
      expectProblem(res, 400);
      expect(res.body.errors).toEqual([{ field: 'code', message: 'is not an allowed field' }]);
    });
  });

  describe('applying', () => {
    it('applies a code whatever its case and removes it again', async () => {
      const { code } = await createDiscount(f, { type: 'percentage', value: 10 });
      const shopper = await shopperWith({ productId: hose, quantity: 2 });
      const applied = await apply(shopper.token, `  ${code.toLowerCase()} `).expect(200);
      expect(applied.body).toEqual(expect.objectContaining({ subtotal: 4000, discount: { code, amount: 400 }, total: 3600, warnings: [] }));
      expect((await getCart(app, shopper).expect(200)).body.discount).toEqual({ code, amount: 400 });

      const removed = await app.http().delete('/api/v1/cart/discount').set(bearer(shopper.token)).expect(200);
      expect(removed.body).toEqual(expect.objectContaining({ subtotal: 4000, discount: null, total: 4000, warnings: [] }));
      expect((await getCart(app, shopper).expect(200)).body.discount).toBeNull();
    });

    it('rounds percentages to the nearest penny, halves up', async () => {
      const { code } = await createDiscount(f, { type: 'percentage', value: 10 });
      const shopper = await shopperWith({ productId: odd, quantity: 1 });
      const res = await apply(shopper.token, code).expect(200);
      expect(res.body).toEqual(expect.objectContaining({ subtotal: 1005, discount: { code, amount: 101 }, total: 904 }));
    });

    it('never takes a total below zero with a fixed discount', async () => {
      const { code } = await createDiscount(f, { type: 'fixed', value: 5000 });
      const shopper = await shopperWith({ productId: odd, quantity: 1 });
      const res = await apply(shopper.token, code).expect(200);
      expect(res.body).toEqual(expect.objectContaining({ subtotal: 1005, discount: { code, amount: 1005 }, total: 0 }));
    });

    it('discounts only the lines in its scope', async () => {
      const services = await createDiscount(f, { type: 'percentage', value: 25, appliesTo: 'services' });
      const products = await createDiscount(f, { type: 'fixed', value: 5000, appliesTo: 'products' });
      const shopper = await shopperWith({ productId: hose, quantity: 1 }, { serviceId: repair, quantity: 1 });
      const onServices = await apply(shopper.token, services.code).expect(200);
      expect(onServices.body).toEqual(expect.objectContaining({ subtotal: 10000, discount: { code: services.code, amount: 2000 }, total: 8000 }));
      const onProducts = await apply(shopper.token, products.code).expect(200);
      expect(onProducts.body).toEqual(expect.objectContaining({ subtotal: 10000, discount: { code: products.code, amount: 2000 }, total: 8000 }));

      const productsOnly = await shopperWith({ productId: hose, quantity: 1 });
      const nothingToDiscount = await apply(productsOnly.token, services.code).expect(200);
      expect(nothingToDiscount.body).toEqual(expect.objectContaining({ subtotal: 2000, total: 2000 }));
      expect(nothingToDiscount.body.discount?.amount ?? 0).toBe(0);
    });
  });

  describe('refusals', () => {
    let shopper: { token: string; id: string; email: string };
    beforeAll(async () => {
      shopper = await shopperWith({ productId: odd, quantity: 1 }); // subtotal 1005
    });

    async function expectRefused(code: string, status: number, problemCode: string) {
      const res = await apply(shopper.token, code);
      expectProblem(res, status);
      expect(res.body.code).toBe(problemCode);
      const cart = await getCart(app, shopper).expect(200);
      expect(cart.body).toEqual(expect.objectContaining({ discount: null, total: 1005 }));
    }

    it('unknown code: 404 discount.unknown', async () => {
      await expectRefused('NO-SUCH-CODE', 404, 'discount.unknown');
    });

    it('expired: 422 discount.expired', async () => {
      const { code } = await createDiscount(f, { validFrom: iso(-10 * DAY), validTo: iso(-DAY) });
      await expectRefused(code, 422, 'discount.expired');
    });

    it('not yet valid: 422 discount.not_yet_valid', async () => {
      const { code } = await createDiscount(f, { validFrom: iso(DAY) });
      await expectRefused(code, 422, 'discount.not_yet_valid');
    });

    it('inactive: 422 discount.inactive', async () => {
      const { code } = await createDiscount(f, { isActive: false });
      await expectRefused(code, 422, 'discount.inactive');
    });

    it('below the minimum subtotal: 422 discount.below_minimum', async () => {
      const { code } = await createDiscount(f, { minSubtotal: 1006 });
      await expectRefused(code, 422, 'discount.below_minimum');
      const { code: exact } = await createDiscount(f, { minSubtotal: 1005 });
      await apply(shopper.token, exact).expect(200);
      await app.http().delete('/api/v1/cart/discount').set(bearer(shopper.token)).expect(200);
    });

    it('used up: 422 discount.used_up', async () => {
      const { id, code } = await createDiscount(f, { maxUses: 3 });
      await app.db.query(`UPDATE discounts SET times_used = max_uses WHERE id = $1`, [id]);
      await expectRefused(code, 422, 'discount.used_up');
    });

    it('already used by this customer: 422 discount.already_used, while another customer may use it', async () => {
      const { id, code } = await createDiscount(f, { perCustomerLimit: 1 });
      // Uses are counted per person: the key is the account's email (see personKey).
      await app.db.query(`INSERT INTO discount_redemptions (id, discount_id, customer_key, order_id) VALUES ($1, $2, $3, $4)`, [
        randomUUID(),
        id,
        `email:${shopper.email}`,
        randomUUID(),
      ]);
      await expectRefused(code, 422, 'discount.already_used');
      const other = await shopperWith({ productId: odd, quantity: 1 });
      expect((await apply(other.token, code).expect(200)).body.discount).toEqual({ code, amount: 101 });
    });
  });

  describe('re-evaluated on every read', () => {
    it('a code deactivated after it was applied stops counting and shows a warning', async () => {
      const { id, code } = await createDiscount(f, { type: 'fixed', value: 500 });
      const shopper = await shopperWith({ productId: hose, quantity: 1 });
      await apply(shopper.token, code).expect(200);
      await admin().delete(`/api/v1/admin/discounts/${id}`).set(bearer(f.admin)).expect(204);

      const cart = await getCart(app, shopper).expect(200);
      expect(cart.body).toEqual(expect.objectContaining({ subtotal: 2000, discount: null, total: 2000 }));
      expect(cart.body.warnings).toEqual([expect.objectContaining({ code: 'discount_not_applicable', reason: 'inactive', message: expect.stringContaining(code) })]);

      // and counts again once it is reactivated
      await admin().patch(`/api/v1/admin/discounts/${id}`).set(bearer(f.admin)).send({ isActive: true }).expect(200);
      const again = await getCart(app, shopper).expect(200);
      expect(again.body).toEqual(expect.objectContaining({ discount: { code, amount: 500 }, total: 1500, warnings: [] }));
    });

    it('a cart that drops below the minimum, or a code that expires, loses the discount with the reason', async () => {
      const { id, code } = await createDiscount(f, { type: 'percentage', value: 10, minSubtotal: 3000 });
      const shopper = await shopperWith({ productId: hose, quantity: 2 });
      const applied = await apply(shopper.token, code).expect(200);
      expect(applied.body.total).toBe(3600);

      const line = applied.body.items[0].id as string;
      const reduced = await app.http().patch(`/api/v1/cart/items/${line}`).set(bearer(shopper.token)).send({ quantity: 1 }).expect(200);
      expect(reduced.body).toEqual(expect.objectContaining({ subtotal: 2000, discount: null, total: 2000 }));
      expect(reduced.body.warnings).toEqual([expect.objectContaining({ code: 'discount_not_applicable', reason: 'below_minimum' })]);

      await app.http().patch(`/api/v1/cart/items/${line}`).set(bearer(shopper.token)).send({ quantity: 2 }).expect(200);
      await admin().patch(`/api/v1/admin/discounts/${id}`).set(bearer(f.admin)).send({ validFrom: iso(-2 * DAY), validTo: iso(-DAY) }).expect(200);
      const expired = await getCart(app, shopper).expect(200);
      expect(expired.body).toEqual(expect.objectContaining({ subtotal: 4000, discount: null, total: 4000 }));
      expect(expired.body.warnings).toEqual([expect.objectContaining({ code: 'discount_not_applicable', reason: 'expired' })]);
    });
  });
});
