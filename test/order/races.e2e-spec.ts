import { createCategory, createProduct } from '../support/catalog';
import {
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
  placeOrder,
} from '../support/orders';
import { ADMIN, bearer, expectProblem, login, registerCustomer, startTestApp, TestApp } from '../support/test-app';

/** Correctness under concurrency: the rules live in the database, so parallel requests cannot break them. */
describe('orders and payments under concurrency', () => {
  let app: TestApp;
  let admin: string;
  let category: string;

  beforeAll(async () => {
    app = await startTestApp();
    admin = await login(app, ADMIN);
    category = await createCategory(app, admin, 'race-parts');
  });
  afterAll(() => app?.stop());

  /** Registers `n` customers, a few at a time (password hashing is deliberately slow). */
  async function customers(n: number): Promise<{ token: string; id: string }[]> {
    const all: { token: string; id: string }[] = [];
    while (all.length < n) all.push(...(await Promise.all(Array.from({ length: Math.min(6, n - all.length) }, () => registerCustomer(app)))));
    return all;
  }

  const statuses = (responses: { status: number }[]) => responses.map((r) => r.status);
  const count = (list: number[], status: number) => list.filter((s) => s === status).length;

  it('30 parallel checkouts for the last 10 units: exactly 10 orders, 20 x 409, nothing oversold, the ledger adds up', async () => {
    const product = await createProduct(app, admin, { name: 'Race Pump', price: 1999, category, initialStock: 10 });
    const buyers = await customers(30);
    for (const buyer of buyers) await addToCart(app, bearer(buyer.token), product.id, 1);

    const results = await Promise.all(buyers.map((buyer) => checkout(app, bearer(buyer.token))));
    const codes = statuses(results);
    expect(codes.filter((s) => s >= 500)).toEqual([]);
    expect(count(codes, 201)).toBe(10);
    expect(count(codes, 409)).toBe(20);
    for (const res of results.filter((r) => r.status === 409)) {
      expectProblem(res, 409);
      expect(res.body).toEqual(expect.objectContaining({ code: 'stock.insufficient', productId: product.id, requested: 1 }));
    }

    expect(await inventoryOf(app, admin, product.id)).toEqual({ productId: product.id, onHand: 10, reserved: 10, available: 0 });
    expect(await ledgerOf(app, product.id)).toEqual({ on_hand: 10, reserved: 10, on_hand_sum: 10, reserved_sum: 10 });
    expect(await countRows(app, 'order_items WHERE product_id = $1', [product.id])).toBe(10);
    expect(await countRows(app, `stock_movements WHERE product_id = $1 AND reason = 'reservation'`, [product.id])).toBe(10);
    // each winner's reservation references its own order; the losers' carts were left as they were
    const winners = results.filter((r) => r.status === 201).map((r) => r.body.id as string);
    expect(new Set(winners).size).toBe(10);
    const { rows } = await app.db.query(`SELECT DISTINCT reference_id FROM stock_movements WHERE product_id = $1 AND reason = 'reservation'`, [product.id]);
    expect(rows.map((r) => r.reference_id).sort()).toEqual(winners.map((id) => `order:${id}`).sort());
    const numbers = results.filter((r) => r.status === 201).map((r) => r.body.number as number);
    expect(new Set(numbers).size).toBe(10);
    for (const [i, buyer] of buyers.entries()) {
      const cart = (await app.http().get('/api/v1/cart').set(bearer(buyer.token)).expect(200)).body;
      expect(cart.items).toHaveLength(results[i].status === 201 ? 0 : 1);
    }
  });

  it('10 parallel confirms of one payment capture it exactly once; the rest are 409', async () => {
    const product = await createProduct(app, admin, { name: 'Race Belt', price: 1500, category, initialStock: 5 });
    const [buyer] = await customers(1);
    const auth = bearer(buyer.token);
    const order = await placeOrder(app, buyer.token, product.id, 1);
    const intent = await createIntent(app, auth, order.id).expect(200);

    const results = await Promise.all(Array.from({ length: 10 }, () => confirm(app, auth, intent.body.id)));
    const codes = statuses(results);
    expect(codes.filter((s) => s >= 500)).toEqual([]);
    expect(count(codes, 200)).toBe(1);
    expect(count(codes, 409)).toBe(9);
    for (const res of results.filter((r) => r.status === 409)) {
      expectProblem(res, 409);
      expect(['order.not_payable', 'payment.not_confirmable']).toContain(res.body.code);
    }
    const { rows } = await app.db.query(`SELECT id, status FROM payments WHERE order_id = $1`, [order.id]);
    expect(rows).toEqual([{ id: intent.body.id, status: 'succeeded' }]);
    expect((await getOrder(app, auth, order.id)).status).toBe('paid');
    expect((await historyOf(app, auth, order.id)).filter((h) => h.to === 'paid')).toHaveLength(1);
  });

  it('a code with maxUses 5 used by 12 parallel checkouts: exactly 5 orders, the other 7 reserve no stock', async () => {
    const product = await createProduct(app, admin, { name: 'Race Filter', price: 1000, category, initialStock: 100 });
    const discount = await createDiscount(app, admin, { type: 'percentage', value: 20, maxUses: 5 });
    const buyers = await customers(12);
    for (const buyer of buyers) {
      await addToCart(app, bearer(buyer.token), product.id, 2);
      expect((await applyCode(app, bearer(buyer.token), discount.code)).discount).toEqual({ code: discount.code, amount: 400 });
    }

    const results = await Promise.all(buyers.map((buyer) => checkout(app, bearer(buyer.token))));
    const codes = statuses(results);
    expect(codes.filter((s) => s >= 500)).toEqual([]);
    expect(count(codes, 201)).toBe(5);
    expect(count(codes, 409)).toBe(7);
    for (const res of results.filter((r) => r.status === 409)) {
      expectProblem(res, 409);
      expect(res.body.code).toBe('discount.used_up');
    }
    for (const res of results.filter((r) => r.status === 201)) expect(res.body).toEqual(expect.objectContaining({ total: 1600, discount: { code: discount.code, amount: 400 } }));

    const { rows } = await app.db.query(`SELECT times_used FROM discounts WHERE id = $1`, [discount.id]);
    expect(rows[0].times_used).toBe(5);
    expect(await countRows(app, 'discount_redemptions WHERE discount_id = $1', [discount.id])).toBe(5);
    expect(await inventoryOf(app, admin, product.id)).toEqual({ productId: product.id, onHand: 100, reserved: 10, available: 90 });
    expect(await ledgerOf(app, product.id)).toEqual({ on_hand: 100, reserved: 10, on_hand_sum: 100, reserved_sum: 10 });
    expect(await countRows(app, `stock_movements WHERE product_id = $1 AND reason = 'reservation'`, [product.id])).toBe(5);
  });

  it('two parallel cancels of one order: one succeeds, the stock is released once', async () => {
    const product = await createProduct(app, admin, { name: 'Race Seal', price: 800, category, initialStock: 6 });
    const [buyer] = await customers(1);
    const auth = bearer(buyer.token);
    const order = await placeOrder(app, buyer.token, product.id, 4);
    const results = await Promise.all([0, 1, 2].map(() => app.http().post(`/api/v1/orders/${order.id}/cancel`).set(auth).send({})));
    expect(statuses(results).sort()).toEqual([200, 409, 409]);
    expect(await ledgerOf(app, product.id)).toEqual({ on_hand: 6, reserved: 0, on_hand_sum: 6, reserved_sum: 0 });
    expect(await countRows(app, `stock_movements WHERE reference_id = $1 AND reason = 'release'`, [`order:${order.id}`])).toBe(1);
    expect((await historyOf(app, auth, order.id)).map((h) => h.to)).toEqual(['pending', 'cancelled']);
  });

  it('cancelling while the payment is confirmed never leaves a cancelled order with money kept', async () => {
    const product = await createProduct(app, admin, { name: 'Race Knob', price: 900, category, initialStock: 50 });
    const [buyer] = await customers(1);
    const auth = bearer(buyer.token);
    for (let round = 0; round < 5; round++) {
      const order = await placeOrder(app, buyer.token, product.id, 1);
      const intent = await createIntent(app, auth, order.id).expect(200);
      const [paid, cancelled] = await Promise.all([confirm(app, auth, intent.body.id), app.http().post(`/api/v1/orders/${order.id}/cancel`).set(auth).send({})]);
      expect([paid.status, cancelled.status]).toEqual([paid.status === 200 ? 200 : 409, 200]);
      expect((await getOrder(app, auth, order.id)).status).toBe('cancelled');
      const { rows } = await app.db.query(`SELECT status, amount::int, amount_refunded::int FROM payments WHERE order_id = $1`, [order.id]);
      // either the payment lost (closed unpaid) or it won and the cancellation refunded it in full
      expect(rows).toEqual([paid.status === 200 ? { status: 'refunded', amount: 900, amount_refunded: 900 } : { status: 'failed', amount: 900, amount_refunded: 0 }]);
      expect(await countRows(app, `stock_movements WHERE reference_id = $1 AND reason = 'release'`, [`order:${order.id}`])).toBe(1);
    }
    expect(await ledgerOf(app, product.id)).toEqual({ on_hand: 50, reserved: 0, on_hand_sum: 50, reserved_sum: 0 });
  });

  it('adding items while the payment is confirmed never captures an amount other than the order total', async () => {
    const product = await createProduct(app, admin, { name: 'Race Hose', price: 700, category, initialStock: 100 });
    const [buyer] = await customers(1);
    const auth = bearer(buyer.token);
    for (let round = 0; round < 5; round++) {
      const order = await placeOrder(app, buyer.token, product.id, 1);
      const intent = await createIntent(app, auth, order.id).expect(200);
      const [paid, added] = await Promise.all([
        confirm(app, auth, intent.body.id),
        app
          .http()
          .post(`/api/v1/orders/${order.id}/items`)
          .set(auth)
          .send({ items: [{ productId: product.id, quantity: 1 }] }),
      ]);
      expect([paid.status, added.status].filter((s) => s >= 500)).toEqual([]);
      const final = await getOrder(app, auth, order.id);
      const captured = await app.db.query(`SELECT amount::int FROM payments WHERE order_id = $1 AND status = 'succeeded'`, [order.id]);
      if (paid.status === 200) {
        // the payment won: the order was paid at 700 and the late items were refused
        expect(added.status).toBe(409);
        expect(final).toEqual(expect.objectContaining({ status: 'paid', total: 700 }));
        expect(captured.rows).toEqual([{ amount: 700 }]);
      } else {
        // the items won: the intent for 700 could not capture the new 1400
        expect(added.status).toBe(200);
        expect(paid.body.code).toBe('payment.amount_mismatch');
        expect(final).toEqual(expect.objectContaining({ status: 'pending', total: 1400 }));
        expect(captured.rows).toEqual([]);
      }
    }
    const level = await ledgerOf(app, product.id);
    expect(level.on_hand_sum).toBe(level.on_hand);
    expect(level.reserved_sum).toBe(level.reserved);
  });
});
