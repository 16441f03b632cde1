import { createHmac, randomBytes } from 'node:crypto';
import { bearer, TestApp } from './test-app';

/**
 * Fixture helpers for order and payment suites: carts, checkout, payment, signed webhooks, and
 * the database's own view of stock, so that invariants are read where they live.
 */
export const ADDRESS = { name: 'Ann Smith', line1: '1 High Street', city: 'London', postcode: 'N1 1AA', country: 'GB' };

/** The seeded free shipping method: suites that are not about shipping keep totals equal to their goods. */
export const SHIPPING_METHOD = 'economy';

/** A webhook secret the suites start the app with, so they can sign events themselves. */
export const WEBHOOK_SECRET = 'e2e-webhook-secret-0123456789abcdef';

export type Headers = Record<string, string>;

export interface OrderBody {
  id: string;
  number: number;
  status: string;
  userId: string | null;
  guestEmail: string | null;
  currency: string;
  items: { id: string; kind: string; productId: string | null; serviceId: string | null; name: string; unitPrice: number; quantity: number; lineTotal: number }[];
  subtotal: number;
  discount: { code: string; amount: number } | null;
  shippingMethod: { code: string; name: string } | null;
  shipping: number;
  total: number;
  vatTotal: number;
  shippingAddress: Record<string, string> | null;
  allowedTransitions: string[];
  createdAt: string;
  updatedAt: string;
  accessToken?: string;
}

export interface PaymentBody {
  id: string;
  orderId: string;
  status: string;
  amount: number;
  currency: string;
  provider: string;
  providerPaymentId: string;
  paymentMethod: string | null;
  amountRefunded: number;
  failureReason: string | null;
}

/** Adds a product to the caller's cart (bearer headers, or an anonymous cart token); returns the cart and its token. */
export async function addToCart(app: TestApp, auth: Headers, productId: string, quantity = 1) {
  const res = await app.http().post('/api/v1/cart/items').set(auth).send({ productId, quantity });
  if (res.status !== 201) throw new Error(`adding ${productId} to the cart answered ${res.status}: ${JSON.stringify(res.body)}`);
  const token = (res.headers['x-cart-token'] as string | undefined) ?? auth['X-Cart-Token'];
  return { cart: res.body as { id: string; items: { id: string; productId: string; quantity: number }[]; total: number }, cartToken: token };
}

export const checkout = (app: TestApp, auth: Headers, body: object = { shippingAddress: ADDRESS, shippingMethod: SHIPPING_METHOD }) => app.http().post('/api/v1/orders').set(auth).send(body);

/** Cart -> order for a signed-in customer; fails loudly unless the checkout is a 201. */
export async function placeOrder(app: TestApp, token: string, productId: string, quantity = 1): Promise<OrderBody> {
  await addToCart(app, bearer(token), productId, quantity);
  const res = await checkout(app, bearer(token));
  if (res.status !== 201) throw new Error(`checkout answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body as OrderBody;
}

export const createIntent = (app: TestApp, auth: Headers, orderId: string) => app.http().post('/api/v1/payments/create-intent').set(auth).send({ orderId });

export const confirm = (app: TestApp, auth: Headers, paymentId: string, paymentMethod = 'pm_card_visa') =>
  app.http().post('/api/v1/payments/confirm').set(auth).send({ paymentId, paymentMethod });

/** create-intent + confirm with a card that succeeds; returns the succeeded payment. */
export async function payOrder(app: TestApp, auth: Headers, orderId: string): Promise<PaymentBody> {
  const intent = await createIntent(app, auth, orderId);
  if (intent.status !== 200) throw new Error(`create-intent answered ${intent.status}: ${JSON.stringify(intent.body)}`);
  const paid = await confirm(app, auth, intent.body.id);
  if (paid.status !== 200 || paid.body.status !== 'succeeded') throw new Error(`confirm answered ${paid.status}: ${JSON.stringify(paid.body)}`);
  return paid.body as PaymentBody;
}

export const getOrder = async (app: TestApp, auth: Headers, orderId: string): Promise<OrderBody> =>
  (await app.http().get(`/api/v1/orders/${orderId}`).set(auth).expect(200)).body;

export const historyOf = async (app: TestApp, auth: Headers, orderId: string) =>
  (await app.http().get(`/api/v1/orders/${orderId}/history`).set(auth).expect(200)).body as {
    from: string | null;
    to: string;
    at: string;
    actorId: string | null;
    actorRole: string;
    note: string | null;
  }[];

export const setStatus = (app: TestApp, adminToken: string, orderId: string, status: string, note?: string) =>
  app
    .http()
    .patch(`/api/v1/orders/${orderId}/status`)
    .set(bearer(adminToken))
    .send(note ? { status, note } : { status });

export const inventoryOf = async (app: TestApp, adminToken: string, productId: string) =>
  (await app.http().get(`/api/v1/products/${productId}/inventory`).set(bearer(adminToken)).expect(200)).body as {
    productId: string;
    onHand: number;
    reserved: number;
    available: number;
  };

/** The inventory row next to the sums of its ledger: they must always agree. */
export async function ledgerOf(app: TestApp, productId: string) {
  const { rows } = await app.db.query(
    `SELECT i.on_hand, i.reserved,
            (SELECT COALESCE(sum(on_hand_delta), 0)::int FROM stock_movements m WHERE m.product_id = i.product_id) AS on_hand_sum,
            (SELECT COALESCE(sum(reserved_delta), 0)::int FROM stock_movements m WHERE m.product_id = i.product_id) AS reserved_sum
       FROM inventory i WHERE i.product_id = $1`,
    [productId],
  );
  return rows[0] as { on_hand: number; reserved: number; on_hand_sum: number; reserved_sum: number };
}

/** Ledger rows written for one order, oldest first. */
export async function movementsOfOrder(app: TestApp, orderId: string) {
  const { rows } = await app.db.query(
    `SELECT product_id, reason, on_hand_delta, reserved_delta FROM stock_movements WHERE reference_id = $1 ORDER BY created_at, reason`,
    [`order:${orderId}`],
  );
  return rows as { product_id: string; reason: string; on_hand_delta: number; reserved_delta: number }[];
}

export async function countRows(app: TestApp, sql: string, params: unknown[] = []): Promise<number> {
  const { rows } = await app.db.query(`SELECT count(*)::int AS n FROM ${sql}`, params);
  return rows[0].n as number;
}

export async function createDiscount(app: TestApp, adminToken: string, input: Record<string, unknown>) {
  const code = `E2E${randomBytes(4).toString('hex').toUpperCase()}`;
  const res = await app
    .http()
    .post('/api/v1/admin/discounts')
    .set(bearer(adminToken))
    .send({ code, name: `Discount ${code}`, type: 'percentage', value: 10, ...input });
  if (res.status !== 201) throw new Error(`creating discount answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body as { id: string; code: string; timesUsed: number };
}

/** Applies a code to the caller's cart; returns the priced cart. */
export async function applyCode(app: TestApp, auth: Headers, code: string) {
  const res = await app.http().post('/api/v1/cart/discount').set(auth).send({ code });
  // 200 as documented (older builds answered 201); either way the code must be on the cart
  if (res.status !== 200 && res.status !== 201) throw new Error(`applying ${code} answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body as { discount: { code: string; amount: number } | null; total: number };
}

export const uniqueEventId = (): string => `evt_${randomBytes(8).toString('hex')}`;

/** `Payment-Signature` exactly as the provider would send it: HMAC-SHA256 over "<t>.<raw body>". */
export function signature(rawBody: string, secret = WEBHOOK_SECRET, timestamp = Math.floor(Date.now() / 1000)): string {
  return `t=${timestamp},v1=${createHmac('sha256', secret).update(`${timestamp}.${rawBody}`).digest('hex')}`;
}

export function webhookEvent(type: string, providerPaymentId: string, id = uniqueEventId(), code?: string): string {
  return JSON.stringify({ id, type, data: { object: { id: providerPaymentId, ...(code ? { last_payment_error: { code } } : {}) } } });
}

/** Posts the exact string that was signed as the raw body. */
export const sendWebhook = (app: TestApp, rawBody: string, signatureHeader?: string) => {
  const req = app.http().post('/api/v1/payments/webhook').set('Content-Type', 'application/json');
  if (signatureHeader !== undefined) req.set('Payment-Signature', signatureHeader);
  return req.send(rawBody);
};

/** Polls until `check` returns a value (bounded), for effects of background jobs. */
export async function eventually<T>(check: () => Promise<T | undefined>, timeoutMs = 10_000, everyMs = 200): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
