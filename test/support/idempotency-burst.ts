import { randomBytes } from 'node:crypto';
import { ADDRESS, addToCart, countRows, createIntent, OrderBody, placeOrder, SHIPPING_METHOD } from './orders';
import { bearer, registerCustomer, TestApp } from './test-app';

export interface Pending {
  kind: 'checkout' | 'confirm';
  token: string;
  key: string;
  path: string;
  body: object;
  /** checkouts: the customer; confirms: the order paid */
  ref: string;
}

export interface Outcome {
  status: number;
  body: Record<string, unknown>;
}

/**
 * A burst of idempotent writes (checkouts of fresh carts, confirms of fresh intents, each with
 * its own Idempotency-Key) hit by a fault, then every request retried with its key. Shared by the
 * crash (kill -9, SIGTERM) and the PostgreSQL restart suites.
 */
export function idempotencyBurst(app: TestApp) {
  const send = (p: Pending) => app.http().post(p.path).set(bearer(p.token)).set('Idempotency-Key', p.key).send(p.body);
  const keysInProgress = async () => countRows(app, `idempotency_keys WHERE status = 'in_progress'`);

  async function requests(productId: string, checkouts: number, confirms: number): Promise<Pending[]> {
    const pending: Pending[] = [];
    for (let i = 0; i < checkouts; i++) {
      const customer = await registerCustomer(app);
      await addToCart(app, bearer(customer.token), productId, 1);
      pending.push({ kind: 'checkout', token: customer.token, key: randomBytes(8).toString('hex'), path: '/api/v1/orders', body: { shippingAddress: ADDRESS, shippingMethod: SHIPPING_METHOD }, ref: customer.id });
    }
    for (let i = 0; i < confirms; i++) {
      const customer = await registerCustomer(app);
      const order = await placeOrder(app, customer.token, productId, 1);
      const intent = await createIntent(app, bearer(customer.token), order.id).expect(200);
      pending.push({
        kind: 'confirm',
        token: customer.token,
        key: randomBytes(8).toString('hex'),
        path: '/api/v1/payments/confirm',
        body: { paymentId: intent.body.id, paymentMethod: 'pm_card_visa' },
        ref: order.id,
      });
    }
    return pending;
  }

  /** Fires every request at once and starts `fault` once a third have answered; returns when both are over. */
  async function fireWithFault(pending: Pending[], fault: () => Promise<void>): Promise<Outcome[]> {
    let answered = 0;
    let faulting: Promise<void> | undefined;
    const outcomes = await Promise.all(
      pending.map(async (p): Promise<Outcome> => {
        try {
          const res = await send(p);
          return { status: res.status, body: res.body as Record<string, unknown> };
        } catch {
          return { status: 0, body: {} }; // the connection died with the app
        } finally {
          if (++answered >= pending.length / 3) faulting ??= fault();
        }
      }),
    );
    await (faulting ?? fault());
    return outcomes;
  }

  /**
   * Retries every request with its key: none is 409, checkouts give the customer exactly one
   * order, confirms exactly one captured payment, a second retry replays the first, and no key
   * stays in progress. Returns the retries' statuses.
   */
  async function expectCommittedOrFresh(pending: Pending[]): Promise<number[]> {
    const results = [];
    for (const p of pending) results.push({ p, res: await send(p) });
    const statuses = results.map(({ res }) => res.status);
    expect(statuses.filter((s) => s === 409)).toEqual([]);
    for (const { p, res } of results) {
      if (p.kind === 'checkout') {
        expect(res.status).toBe(201);
        // exactly one order for the customer, and the retry names it
        const { rows } = await app.db.query(`SELECT id FROM orders WHERE user_id = $1`, [p.ref]);
        expect(rows.map((r) => r.id)).toEqual([(res.body as OrderBody).id]);
      } else {
        expect(res.status).toBe(200);
        expect(res.body.status).toBe('succeeded');
        expect(await countRows(app, `payments WHERE order_id = $1 AND status = 'succeeded'`, [p.ref])).toBe(1);
        expect((await app.db.query(`SELECT status FROM orders WHERE id = $1`, [p.ref])).rows[0].status).toBe('paid');
      }
    }
    // a second retry replays what the first one got
    for (const { p, res } of results.slice(0, 5)) {
      const again = await send(p);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(again.body.id).toBe(res.body.id);
    }
    expect(await keysInProgress()).toBe(0);
    return statuses;
  }

  return { send, keysInProgress, requests, fireWithFault, expectCommittedOrFresh };
}
