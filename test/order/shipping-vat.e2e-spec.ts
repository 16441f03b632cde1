import { randomBytes } from 'node:crypto';
import { createProduct } from '../support/catalog';
import { freshService } from '../support/booking-fixtures';
import { ADDRESS, addToCart, applyCode, checkout, createDiscount, historyOf, OrderBody, payOrder, setStatus } from '../support/orders';
import { ADMIN, bearer, expectProblem, login, registerCustomer, startTestApp, TestApp } from '../support/test-app';

interface ShippingQuote {
  code: string;
  name: string;
  price: number;
  freeOverSubtotal: number | null;
  estimatedDays: number;
  priceForCart: number;
}

type Vat = { vatRate: number; vatAmount: number };
type OrderWithVat = OrderBody & {
  items: (OrderBody['items'][number] & Vat)[];
  shippingMethod: { code: string; name: string } | null;
  shipping: number;
  vatTotal: number;
  netTotal: number;
  carrier: string | null;
  trackingNumber: string | null;
};

describe('shipping methods and VAT', () => {
  let app: TestApp;
  let admin: string;
  let standardCategory: string;
  let zeroRatedCategory: string;

  beforeAll(async () => {
    app = await startTestApp();
    admin = await login(app, ADMIN);
    const tag = randomBytes(4).toString('hex');
    standardCategory = `ship-parts-${tag}`;
    zeroRatedCategory = `ship-manuals-${tag}`;
    await app.http().post('/api/v1/categories').set(bearer(admin)).send({ slug: standardCategory, name: 'Parts' }).expect(201);
    const manuals = await app.http().post('/api/v1/categories').set(bearer(admin)).send({ slug: zeroRatedCategory, name: 'Printed manuals', vatRatePercent: 0 }).expect(201);
    expect(manuals.body).toEqual({ slug: zeroRatedCategory, name: 'Printed manuals', productCount: 0, vatRatePercent: 0 });
  });
  afterAll(() => app?.stop());

  const product = (name: string, price: number, category = standardCategory) => createProduct(app, admin, { name, price, category, initialStock: 50 });
  const customer = async () => bearer((await registerCustomer(app)).token);
  const newMethod = async (input: Record<string, unknown>) =>
    (
      await app
        .http()
        .post('/api/v1/admin/shipping-methods')
        .set(bearer(admin))
        .send({ code: `e2e-${randomBytes(4).toString('hex')}`, name: 'Courier', estimatedDays: 2, ...input })
        .expect(201)
    ).body as { id: string; code: string; isActive: boolean };

  describe('admin CRUD', () => {
    it('creates, lists, changes and deactivates methods; codes are unique; only admins', async () => {
      const method = await newMethod({ price: 650, freeOverSubtotal: 4000 });
      expect(method).toMatchObject({ price: 650, freeOverSubtotal: 4000, estimatedDays: 2, isActive: true });
      expectProblem(await app.http().post('/api/v1/admin/shipping-methods').set(bearer(admin)).send({ code: method.code, name: 'Again', price: 1, estimatedDays: 1 }), 409);
      const bad = await app.http().post('/api/v1/admin/shipping-methods').set(bearer(admin)).send({ code: 'Next Day!', name: 'x', price: -1, estimatedDays: 1.5 });
      expectProblem(bad, 400);
      expect((bad.body.errors as { field: string }[]).map((e) => e.field).sort()).toEqual(['code', 'estimatedDays', 'price']);

      const changed = await app.http().patch(`/api/v1/admin/shipping-methods/${method.id}`).set(bearer(admin)).send({ price: 700, freeOverSubtotal: null }).expect(200);
      expect(changed.body).toMatchObject({ code: method.code, price: 700, freeOverSubtotal: null });
      const all = (await app.http().get('/api/v1/admin/shipping-methods').set(bearer(admin)).expect(200)).body as { code: string }[];
      expect(all.map((m) => m.code)).toEqual(expect.arrayContaining(['standard', 'next-day', 'economy', method.code]));

      await app.http().delete(`/api/v1/admin/shipping-methods/${method.id}`).set(bearer(admin)).expect(204);
      expect((await app.http().get(`/api/v1/admin/shipping-methods/${method.id}`).set(bearer(admin)).expect(200)).body.isActive).toBe(false);
      const offered = (await app.http().get('/api/v1/shipping-methods').expect(200)).body as ShippingQuote[];
      expect(offered.map((m) => m.code)).not.toContain(method.code);

      const shopper = await customer();
      expectProblem(await app.http().get('/api/v1/admin/shipping-methods').set(shopper), 403);
      expectProblem(await app.http().post('/api/v1/admin/shipping-methods').send({ code: 'x', name: 'x', price: 1, estimatedDays: 1 }), 401);
      expectProblem(await app.http().patch('/api/v1/admin/shipping-methods/00000000-0000-4000-8000-000000000000').set(bearer(admin)).send({ price: 1 }), 404);
    });
  });

  describe('checkout rules', () => {
    it('requires a method for products (400), refuses unknown and inactive codes (400)', async () => {
      const pump = await product('Rule Pump', 2000);
      const auth = await customer();
      await addToCart(app, auth, pump.id, 1);

      const missing = await checkout(app, auth, { shippingAddress: ADDRESS });
      expectProblem(missing, 400);
      expect(missing.body.errors).toEqual([{ field: 'shippingMethod', message: 'is required when the order has products' }]);

      const unknown = await checkout(app, auth, { shippingAddress: ADDRESS, shippingMethod: 'by-pigeon' });
      expectProblem(unknown, 400);
      expect(unknown.body.errors).toEqual([expect.objectContaining({ field: 'shippingMethod' })]);

      const retired = await newMethod({ price: 100 });
      await app.http().patch(`/api/v1/admin/shipping-methods/${retired.id}`).set(bearer(admin)).send({ isActive: false }).expect(200);
      expectProblem(await checkout(app, auth, { shippingAddress: ADDRESS, shippingMethod: retired.code }), 400);
      expectProblem(await app.http().get(`/api/v1/cart?shippingMethod=${retired.code}`).set(auth), 400);

      // nothing was written: the cart still holds the pump
      expect((await app.http().get('/api/v1/cart').set(auth).expect(200)).body.items).toHaveLength(1);
      expect((await app.http().get('/api/v1/orders').set(auth).expect(200)).body.total).toBe(0);
    });

    it('refuses a method for a repair-service-only order (400)', async () => {
      const service = await freshService(app, admin);
      const auth = await customer();
      await app.http().post('/api/v1/cart/items').set(auth).send({ serviceId: service.id, quantity: 1 }).expect(201);
      const res = await checkout(app, auth, { shippingMethod: 'standard', visit: { start: '2030-01-07T09:00:00Z', address: '1 High Street, London N1 1AA' } });
      expectProblem(res, 400);
      expect(res.body.errors).toEqual([{ field: 'shippingMethod', message: 'is only for orders with products to ship' }]);
    });
  });

  describe('prices and totals', () => {
    it('lists methods priced for the caller cart, free from the threshold on', async () => {
      const method = await newMethod({ price: 450, freeOverSubtotal: 3000 });
      const part = await product('Threshold Part', 1000);
      const auth = await customer();
      const quote = async () => ((await app.http().get('/api/v1/shipping-methods').set(auth).expect(200)).body as ShippingQuote[]).find((m) => m.code === method.code)!;

      expect((await quote()).priceForCart).toBe(450); // empty cart: the full price
      await addToCart(app, auth, part.id, 2); // 2000 < 3000
      expect(await quote()).toEqual({ code: method.code, name: 'Courier', price: 450, freeOverSubtotal: 3000, estimatedDays: 2, priceForCart: 450 });
      const { cartToken } = await addToCart(app, {}, part.id, 3);
      const anonymous = ((await app.http().get('/api/v1/shipping-methods').set('X-Cart-Token', cartToken).expect(200)).body as ShippingQuote[]).find((m) => m.code === method.code)!;
      expect(anonymous.priceForCart).toBe(0); // exactly 3000: free

      const cart = (await app.http().get(`/api/v1/cart?shippingMethod=${method.code}`).set(auth).expect(200)).body;
      expect(cart).toMatchObject({ subtotal: 2000, shippingMethod: method.code, shipping: 450, total: 2450 });
      expect((await app.http().get('/api/v1/cart').set(auth).expect(200)).body).toMatchObject({ shippingMethod: null, shipping: 0, total: 2000 });

      await addToCart(app, auth, part.id, 1); // 3000: free
      const order = (await checkout(app, auth, { shippingAddress: ADDRESS, shippingMethod: method.code }).expect(201)).body as OrderWithVat;
      expect(order).toMatchObject({ subtotal: 3000, shipping: 0, total: 3000, shippingMethod: { code: method.code, name: 'Courier' } });
    });

    it('a discount never reduces shipping: a 100% code leaves the shipping to pay', async () => {
      const part = await product('Free Part', 1500);
      const auth = await customer();
      await addToCart(app, auth, part.id, 1);
      const code = await createDiscount(app, admin, { type: 'percentage', value: 100 });
      await applyCode(app, auth, code.code);
      const cart = (await app.http().get('/api/v1/cart?shippingMethod=next-day').set(auth).expect(200)).body;
      expect(cart).toMatchObject({ subtotal: 1500, discount: { code: code.code, amount: 1500 }, shipping: 999, total: 999, vatTotal: 167, netTotal: 832 });

      const order = (await checkout(app, auth, { shippingAddress: ADDRESS, shippingMethod: 'next-day' }).expect(201)).body as OrderWithVat;
      expect(order).toMatchObject({ subtotal: 1500, discount: { amount: 1500 }, shipping: 999, total: 999, status: 'pending', vatTotal: 167, netTotal: 832 });
      expect(order.items[0]).toMatchObject({ lineTotal: 1500, vatRate: 20, vatAmount: 0 });
    });

    it('VAT of a mixed cart: a zero-rated line, standard lines, a 10% discount spread over them, next-day shipping at 20%', async () => {
      const manual = await product('Service Manual', 1000, zeroRatedCategory);
      const pump = await product('VAT Pump', 3499);
      const belt = await product('VAT Belt', 1250);
      const auth = await customer();
      await addToCart(app, auth, manual.id, 1);
      await addToCart(app, auth, pump.id, 2);
      await addToCart(app, auth, belt.id, 1);
      const code = await createDiscount(app, admin, { type: 'percentage', value: 10 });
      await applyCode(app, auth, code.code);

      // subtotal 1000 + 6998 + 1250 = 9248; 10% = 924.8 -> 925 pence off.
      // 925 spread pro rata (largest remainder): 100.02 -> 100, 699.95 -> 699 + the spare penny = 700, 125.03 -> 125.
      // VAT per line, half up: manual 0% of 900 = 0; pump (6998 - 700) / 6 = 1049.67 -> 1050; belt (1250 - 125) / 6 = 187.5 -> 188;
      // shipping next-day 999 / 6 = 166.5 -> 167. VAT 1405; total 9248 - 925 + 999 = 9322; net 7917.
      const expectedLines = [
        { productId: manual.id, lineTotal: 1000, vatRate: 0, vatAmount: 0 },
        { productId: pump.id, lineTotal: 6998, vatRate: 20, vatAmount: 1050 },
        { productId: belt.id, lineTotal: 1250, vatRate: 20, vatAmount: 188 },
      ];
      const totals = { subtotal: 9248, discount: { code: code.code, amount: 925 }, shipping: 999, total: 9322, vatTotal: 1405, netTotal: 7917 };
      const cart = (await app.http().get('/api/v1/cart?shippingMethod=next-day').set(auth).expect(200)).body;
      expect(cart).toMatchObject({ ...totals, shippingMethod: 'next-day' });
      expect(cart.items).toEqual(expectedLines.map((l) => expect.objectContaining(l)));

      const order = (await checkout(app, auth, { shippingAddress: ADDRESS, shippingMethod: 'next-day' }).expect(201)).body as OrderWithVat;
      expect(order).toMatchObject({ ...totals, shippingMethod: { code: 'next-day', name: 'Next working day' } });
      expect(order.items).toEqual(expectedLines.map((l) => expect.objectContaining(l)));

      // the order keeps the rates it was placed with when the catalog changes
      await app.http().patch(`/api/v1/products/${manual.id}`).set(bearer(admin)).send({ price: 5000 }).expect(200);
      const again = (await app.http().get(`/api/v1/orders/${order.id}`).set(auth).expect(200)).body as OrderWithVat;
      expect(again).toMatchObject(totals);
      expect(again.items).toEqual(expectedLines.map((l) => expect.objectContaining(l)));
    });
  });

  describe('changing a category', () => {
    it("an admin zero-rates a category: new cart lines use the new rate, a placed order keeps its snapshot; null restores the standard rate", async () => {
      const slug = `ship-rerated-${randomBytes(4).toString('hex')}`;
      await app.http().post('/api/v1/categories').set(bearer(admin)).send({ slug, name: 'Safety leaflets' }).expect(201);
      const leaflet = await product('Safety Leaflet', 1200, slug);
      const before = await customer();
      await addToCart(app, before, leaflet.id, 1);
      const placed = (await checkout(app, before, { shippingAddress: ADDRESS, shippingMethod: 'economy' }).expect(201)).body as OrderWithVat;
      expect(placed).toMatchObject({ total: 1200, vatTotal: 200, netTotal: 1000 });
      expect(placed.items[0]).toMatchObject({ vatRate: 20, vatAmount: 200 });

      const zeroed = await app.http().patch(`/api/v1/categories/${slug}`).set(bearer(admin)).send({ vatRatePercent: 0 }).expect(200);
      expect(zeroed.body).toEqual({ slug, name: 'Safety leaflets', productCount: 1, vatRatePercent: 0 });
      const after = await customer();
      await addToCart(app, after, leaflet.id, 1);
      const cart = (await app.http().get('/api/v1/cart?shippingMethod=economy').set(after).expect(200)).body;
      expect(cart).toMatchObject({ total: 1200, vatTotal: 0, netTotal: 1200 });
      expect(cart.items[0]).toMatchObject({ vatRate: 0, vatAmount: 0 });
      const kept = (await app.http().get(`/api/v1/orders/${placed.id}`).set(before).expect(200)).body as OrderWithVat;
      expect(kept).toMatchObject({ vatTotal: 200, netTotal: 1000 });
      expect(kept.items[0]).toMatchObject({ vatRate: 20, vatAmount: 200 });

      // null: back to the standard rate; omitted: unchanged
      await app.http().patch(`/api/v1/categories/${slug}`).set(bearer(admin)).send({ vatRatePercent: null }).expect(200);
      expect((await app.http().patch(`/api/v1/categories/${slug}`).set(bearer(admin)).send({}).expect(200)).body.vatRatePercent).toBeNull();
      expect((await app.http().get('/api/v1/cart').set(after).expect(200)).body.items[0]).toMatchObject({ vatRate: 20, vatAmount: 200 });
    });

    it('renames a category: products and search follow; bad input is 400, unknown slug 404, non-admins 401/403', async () => {
      const tag = randomBytes(4).toString('hex');
      const slug = `ship-renamed-${tag}`;
      await app.http().post('/api/v1/categories').set(bearer(admin)).send({ slug, name: 'Gaskets' }).expect(201);
      const seal = await product('Door Seal', 900, slug);
      const word = `zephyr${tag.replace(/\d/g, 'q')}`;
      const renamed = await app.http().patch(`/api/v1/categories/${slug}`).set(bearer(admin)).send({ name: `Door ${word} seals` }).expect(200);
      expect(renamed.body).toEqual({ slug, name: `Door ${word} seals`, productCount: 1, vatRatePercent: null });
      expect((await app.http().get(`/api/v1/products/${seal.id}`).expect(200)).body.category).toEqual({ slug, name: `Door ${word} seals` });
      const found = (await app.http().get(`/api/v1/products/search?q=${word}`).expect(200)).body as { items: { id: string }[] };
      expect(found.items.map((p) => p.id)).toEqual([seal.id]);

      for (const body of [{ vatRatePercent: 101 }, { vatRatePercent: 5.5 }, { vatRatePercent: -1 }, { vatRatePercent: '0' }, { name: '' }, { name: null }, { slug: 'other' }]) {
        expectProblem(await app.http().patch(`/api/v1/categories/${slug}`).set(bearer(admin)).send(body), 400);
      }
      expectProblem(await app.http().patch('/api/v1/categories/Not%20A%20Slug').set(bearer(admin)).send({ vatRatePercent: 0 }), 400);
      expectProblem(await app.http().patch(`/api/v1/categories/no-such-${tag}`).set(bearer(admin)).send({ vatRatePercent: 0 }), 404);
      expectProblem(await app.http().patch(`/api/v1/categories/${slug}`).set(await customer()).send({ vatRatePercent: 0 }), 403);
      expectProblem(await app.http().patch(`/api/v1/categories/${slug}`).send({ vatRatePercent: 0 }), 401);
    });
  });

  describe('shipping an order', () => {
    it('records carrier and tracking number on the order and in its history; refuses them with another status', async () => {
      const part = await product('Shipped Part', 2500);
      const auth = await customer();
      await addToCart(app, auth, part.id, 1);
      const order = (await checkout(app, auth, { shippingAddress: ADDRESS, shippingMethod: 'standard' }).expect(201)).body as OrderWithVat;
      expect(order).toMatchObject({ shipping: 499, total: 2999, carrier: null, trackingNumber: null });
      await payOrder(app, auth, order.id);

      const early = await app.http().patch(`/api/v1/orders/${order.id}/status`).set(bearer(admin)).send({ status: 'processing', carrier: 'DPD' });
      expectProblem(early, 400);
      expect(early.body.errors).toEqual([{ field: 'carrier', message: 'can only be given when marking an order shipped' }]);
      await setStatus(app, admin, order.id, 'processing').expect(200);
      const shipped = await app
        .http()
        .patch(`/api/v1/orders/${order.id}/status`)
        .set(bearer(admin))
        .send({ status: 'shipped', carrier: 'DPD', trackingNumber: '15501234567890', note: 'two parcels' })
        .expect(200);
      expect(shipped.body).toMatchObject({ status: 'shipped', carrier: 'DPD', trackingNumber: '15501234567890' });
      expect((await app.http().get(`/api/v1/orders/${order.id}`).set(auth).expect(200)).body).toMatchObject({ carrier: 'DPD', trackingNumber: '15501234567890' });
      const history = await historyOf(app, auth, order.id);
      expect(history.at(-1)).toEqual(expect.objectContaining({ from: 'processing', to: 'shipped', note: 'two parcels', carrier: 'DPD', trackingNumber: '15501234567890' }));
      expect(history.at(-2)).toEqual(expect.objectContaining({ to: 'processing', carrier: null, trackingNumber: null }));

      // the event contract carries them too (notifications read it from the outbox)
      const { rows } = await app.db.query(`SELECT payload FROM outbox WHERE aggregate_id = $1 AND name = 'OrderStatusChanged' ORDER BY seq DESC LIMIT 1`, [order.id]);
      expect(rows[0].payload).toMatchObject({ to: 'shipped', carrier: 'DPD', trackingNumber: '15501234567890' });
    });
  });
});
