import { createCategory, createProduct, fieldsOf } from '../support/catalog';
import { ADMIN, bearer, expectProblem, login, registerCustomer, startTestApp, TestApp } from '../support/test-app';

const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

interface Movement {
  reason: string;
  delta: number;
  onHandDelta: number;
  reservedDelta: number;
  note: string | null;
  actorId: string | null;
  referenceId: string | null;
}

describe('catalog: inventory and its stock ledger', () => {
  let app: TestApp;
  let admin: string;
  let adminId: string;
  let customer: string;
  let category: string;

  beforeAll(async () => {
    app = await startTestApp();
    admin = await login(app, ADMIN);
    adminId = (await app.http().get('/api/v1/users/me').set(bearer(admin)).expect(200)).body.id;
    customer = (await registerCustomer(app)).token;
    category = await createCategory(app, admin, 'inv-parts');
  });
  afterAll(() => app?.stop());

  const inventoryOf = async (productId: string) => (await app.http().get(`/api/v1/products/${productId}/inventory`).set(bearer(admin)).expect(200)).body;
  const adjust = (productId: string, body: object) => app.http().post(`/api/v1/products/${productId}/inventory/adjustments`).set(bearer(admin)).send(body);
  const movementsOf = async (productId: string, query = 'limit=100') =>
    (await app.http().get(`/api/v1/products/${productId}/inventory/movements?${query}`).set(bearer(admin)).expect(200)).body as {
      items: Movement[];
      total: number;
      page: number;
      limit: number;
    };
  /** The database's own view: the row and the sums of its ledger. */
  const ledgerOf = async (productId: string) => {
    const { rows } = await app.db.query(
      `SELECT i.on_hand, i.reserved,
              (SELECT COALESCE(sum(on_hand_delta), 0)::int FROM stock_movements m WHERE m.product_id = i.product_id) AS on_hand_sum,
              (SELECT COALESCE(sum(reserved_delta), 0)::int FROM stock_movements m WHERE m.product_id = i.product_id) AS reserved_sum,
              (SELECT count(*)::int FROM stock_movements m WHERE m.product_id = i.product_id) AS movements
         FROM inventory i WHERE i.product_id = $1`,
      [productId],
    );
    return rows[0] as { on_hand: number; reserved: number; on_hand_sum: number; reserved_sum: number; movements: number };
  };

  it('starts from the initial stock, records restocks and adjustments in a newest-first ledger', async () => {
    const product = await createProduct(app, admin, { name: 'Fan Motor', price: 2500, category, initialStock: 10 });
    expect(await inventoryOf(product.id)).toEqual({ productId: product.id, onHand: 10, reserved: 0, available: 10 });

    const restock = await adjust(product.id, { delta: 5, reason: 'restock', note: 'Delivery #4411' }).expect(201);
    expect(restock.body).toEqual({ productId: product.id, onHand: 15, reserved: 0, available: 15 });
    const correction = await adjust(product.id, { delta: -3, reason: 'adjustment' }).expect(201);
    expect(correction.body).toEqual({ productId: product.id, onHand: 12, reserved: 0, available: 12 });

    const ledger = await movementsOf(product.id);
    expect(ledger.total).toBe(3);
    expect(ledger.items).toEqual([
      expect.objectContaining({ reason: 'adjustment', delta: -3, onHandDelta: -3, reservedDelta: 0, note: null, actorId: adminId, productId: product.id }),
      expect.objectContaining({ reason: 'restock', delta: 5, onHandDelta: 5, reservedDelta: 0, note: 'Delivery #4411', actorId: adminId }),
      expect.objectContaining({ reason: 'restock', delta: 10, onHandDelta: 10, reservedDelta: 0, note: 'initial stock' }),
    ]);
    const page2 = await movementsOf(product.id, 'limit=2&page=2');
    expect(page2).toEqual({ items: [expect.objectContaining({ note: 'initial stock' })], total: 3, page: 2, limit: 2 });

    const publicView = await app.http().get(`/api/v1/products/${product.id}`).expect(200);
    expect(publicView.body.availability).toEqual({ available: 12, inStock: true });
    expect(await ledgerOf(product.id)).toEqual({ on_hand: 12, reserved: 0, on_hand_sum: 12, reserved_sum: 0, movements: 3 });
  });

  it('a product created without stock has an empty ledger and is out of stock', async () => {
    const product = await createProduct(app, admin, { name: 'Spare Belt', price: 700, category });
    expect(await inventoryOf(product.id)).toEqual({ productId: product.id, onHand: 0, reserved: 0, available: 0 });
    expect(await movementsOf(product.id)).toEqual({ items: [], total: 0, page: 1, limit: 100 });
    expect((await app.http().get(`/api/v1/products/${product.id}`).expect(200)).body.availability).toEqual({ available: 0, inStock: false });
  });

  it('keeps on hand equal to the ledger sum under 20 parallel adjustments', async () => {
    const product = await createProduct(app, admin, { name: 'Door Latch', price: 400, category, initialStock: 50 });
    const deltas = [7, -3, 2, -5, 11, -1, 4, -8, 6, -2, 9, -4, 1, -6, 3, -7, 5, -9, 8, -10];
    const results = await Promise.all(deltas.map((delta, i) => adjust(product.id, { delta, reason: delta > 0 ? 'restock' : 'adjustment', note: `parallel ${i}` })));
    expect(results.map((r) => r.status)).toEqual(deltas.map(() => 201));

    const expected = 50 + deltas.reduce((a, b) => a + b, 0);
    expect(await inventoryOf(product.id)).toEqual({ productId: product.id, onHand: expected, reserved: 0, available: expected });
    const { rows } = await app.db.query(`SELECT sum(on_hand_delta)::int AS sum FROM stock_movements WHERE product_id = $1`, [product.id]);
    expect(rows[0].sum).toBe(expected);
    expect(await ledgerOf(product.id)).toEqual({ on_hand: expected, reserved: 0, on_hand_sum: expected, reserved_sum: 0, movements: 21 });
    const notes = (await movementsOf(product.id)).items.map((m) => m.note).filter((n) => n?.startsWith('parallel'));
    expect(new Set(notes)).toEqual(new Set(deltas.map((_, i) => `parallel ${i}`)));
  });

  it('never lets parallel withdrawals take stock below zero: 20 x -1 on 8 units -> exactly 8 succeed', async () => {
    const product = await createProduct(app, admin, { name: 'Thermal Fuse', price: 150, category, initialStock: 8 });
    const results = await Promise.all(Array.from({ length: 20 }, () => adjust(product.id, { delta: -1, reason: 'adjustment' })));
    const statuses = results.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(8);
    expect(statuses.filter((s) => s === 409)).toHaveLength(12);
    for (const res of results.filter((r) => r.status === 409)) expectProblem(res, 409);
    expect(await inventoryOf(product.id)).toEqual({ productId: product.id, onHand: 0, reserved: 0, available: 0 });
    expect(await ledgerOf(product.id)).toEqual({ on_hand: 0, reserved: 0, on_hand_sum: 0, reserved_sum: 0, movements: 9 });
  });

  describe('with units reserved (orders come later: the reservation is written to the database directly)', () => {
    let productId: string;

    beforeAll(async () => {
      productId = (await createProduct(app, admin, { name: 'Control Board', price: 9900, category, initialStock: 10 })).id;
      // what a checkout's reservation writes: the row and its ledger entry
      await app.db.query(`UPDATE inventory SET reserved = 4 WHERE product_id = $1`, [productId]);
      await app.db.query(
        `INSERT INTO stock_movements (id, product_id, on_hand_delta, reserved_delta, reason, reference_id)
         VALUES (gen_random_uuid(), $1, 0, 4, 'reservation', 'order:test')`,
        [productId],
      );
    });

    it('shows reserved units and reduces availability', async () => {
      expect(await inventoryOf(productId)).toEqual({ productId, onHand: 10, reserved: 4, available: 6 });
      expect((await app.http().get(`/api/v1/products/${productId}`).expect(200)).body.availability).toEqual({ available: 6, inStock: true });
      expect((await movementsOf(productId)).items[0]).toEqual(expect.objectContaining({ reason: 'reservation', delta: -4, reservedDelta: 4, referenceId: 'order:test' }));
    });

    it('refuses an adjustment below what is reserved with 409 and writes nothing', async () => {
      const before = await ledgerOf(productId);
      const res = await adjust(productId, { delta: -7, reason: 'adjustment', note: 'would break reservations' });
      expectProblem(res, 409);
      expect(res.body).toEqual(expect.objectContaining({ code: 'stock.adjustment_below_reserved', onHand: 10, reserved: 4, available: 6 }));
      expect(await ledgerOf(productId)).toEqual(before);
      expect(await inventoryOf(productId)).toEqual({ productId, onHand: 10, reserved: 4, available: 6 });
      const { rows } = await app.db.query(`SELECT count(*)::int AS n FROM stock_movements WHERE note = 'would break reservations'`);
      expect(rows[0].n).toBe(0);

      // exactly down to the reserved units is allowed
      const ok = await adjust(productId, { delta: -6, reason: 'adjustment' }).expect(201);
      expect(ok.body).toEqual({ productId, onHand: 4, reserved: 4, available: 0 });
      expect((await app.http().get(`/api/v1/products/${productId}`).expect(200)).body.availability).toEqual({ available: 0, inStock: false });
      expectProblem(await adjust(productId, { delta: -1, reason: 'adjustment' }), 409);
      expect(await ledgerOf(productId)).toEqual({ on_hand: 4, reserved: 4, on_hand_sum: 4, reserved_sum: 4, movements: 3 });
    });

    it('the database itself refuses a reservation larger than what is on hand (CHECK inventory_available_not_negative)', async () => {
      const before = await ledgerOf(productId);
      await expect(app.db.query(`UPDATE inventory SET reserved = on_hand + 1 WHERE product_id = $1`, [productId])).rejects.toEqual(
        expect.objectContaining({ code: '23514', constraint: 'inventory_available_not_negative' }),
      );
      await expect(app.db.query(`UPDATE inventory SET on_hand = reserved - 1 WHERE product_id = $1`, [productId])).rejects.toEqual(
        expect.objectContaining({ code: '23514', constraint: 'inventory_available_not_negative' }),
      );
      await expect(app.db.query(`UPDATE inventory SET reserved = -1 WHERE product_id = $1`, [productId])).rejects.toEqual(
        expect.objectContaining({ code: '23514' }),
      );
      expect(await ledgerOf(productId)).toEqual(before);
      expect(await inventoryOf(productId)).toEqual({ productId, onHand: before.on_hand, reserved: before.reserved, available: before.on_hand - before.reserved });
    });
  });

  it.each([
    ['delta 0', { delta: 0, reason: 'adjustment' }, 'delta'],
    ['a fractional delta', { delta: 1.5, reason: 'restock' }, 'delta'],
    ['a delta as a string', { delta: '5', reason: 'restock' }, 'delta'],
    ['a negative restock', { delta: -2, reason: 'restock' }, 'delta'],
    ['a delta over the limit', { delta: 1_000_001, reason: 'restock' }, 'delta'],
    ['an order-only reason', { delta: 2, reason: 'reservation' }, 'reason'],
    ['an unknown reason', { delta: 2, reason: 'theft' }, 'reason'],
    ['a note over 500 characters', { delta: 2, reason: 'restock', note: 'n'.repeat(501) }, 'note'],
    ['an unknown field', { delta: 2, reason: 'restock', reserved: 3 }, 'reserved'],
    ['no delta', { reason: 'restock' }, 'delta'],
  ])('rejects an adjustment with %s, naming the field, and writes nothing', async (_label, body, field) => {
    const product = await createProduct(app, admin, { name: `Valve ${field}`, price: 100, category, initialStock: 3 });
    const res = await adjust(product.id, body);
    expectProblem(res, 400);
    expect(fieldsOf(res.body)).toContain(field);
    expect(new Set(fieldsOf(res.body))).toEqual(new Set([field]));
    expect(await ledgerOf(product.id)).toEqual({ on_hand: 3, reserved: 0, on_hand_sum: 3, reserved_sum: 0, movements: 1 });
  });

  it('keeps customers (403) and anonymous callers (401) out of inventory, changing nothing', async () => {
    const product = await createProduct(app, admin, { name: 'Pressure Switch', price: 1200, category, initialStock: 2 });
    for (const [auth, status] of [
      [bearer(customer), 403],
      [{}, 401],
    ] as const) {
      expectProblem(await app.http().get(`/api/v1/products/${product.id}/inventory`).set(auth), status);
      expectProblem(await app.http().get(`/api/v1/products/${product.id}/inventory/movements`).set(auth), status);
      expectProblem(await app.http().post(`/api/v1/products/${product.id}/inventory/adjustments`).set(auth).send({ delta: 100, reason: 'restock' }), status);
    }
    expect(await ledgerOf(product.id)).toEqual({ on_hand: 2, reserved: 0, on_hand_sum: 2, reserved_sum: 0, movements: 1 });
  });

  it('answers a non-UUID product with 400 and an unknown one with 404 on every inventory route', async () => {
    for (const id of ['not-a-uuid', UNKNOWN_ID]) {
      const status = id === UNKNOWN_ID ? 404 : 400;
      const responses = [
        await app.http().get(`/api/v1/products/${id}/inventory`).set(bearer(admin)),
        await app.http().get(`/api/v1/products/${id}/inventory/movements`).set(bearer(admin)),
        await adjust(id, { delta: 1, reason: 'restock' }),
      ];
      for (const res of responses) {
        expectProblem(res, status);
        if (status === 400) expect(fieldsOf(res.body)).toEqual(['id']);
        else expect(res.body.code).toBe('product.not_found');
      }
    }
    const { rows } = await app.db.query(`SELECT count(*)::int AS n FROM stock_movements WHERE product_id = $1`, [UNKNOWN_ID]);
    expect(rows[0].n).toBe(0);
  });

  it('validates the ledger page size', async () => {
    const product = await createProduct(app, admin, { name: 'Drum Bearing', price: 1800, category, initialStock: 1 });
    for (const query of ['limit=0', 'limit=1000', 'page=0']) {
      const res = await app.http().get(`/api/v1/products/${product.id}/inventory/movements?${query}`).set(bearer(admin));
      expectProblem(res, 400);
      expect(fieldsOf(res.body)).toEqual([query.split('=')[0]]);
    }
  });
});
