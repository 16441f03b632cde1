import { createApiClient, type ApiClient } from '../../clients/typescript';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * A shopper's whole journey ONLY through the generated client (clients/typescript), as a frontend
 * would write it: no casts, no `any`, type-checked with strict + noUncheckedIndexedAccess
 * (tsconfig.client.json, part of `npm run lint`). Every response also passes the contract check.
 */

/** The data of a successful call, or a failure naming the status and the problem. */
function ok<T>(result: { data?: T; error?: unknown; response: Response }): T {
  if (result.data === undefined) throw new Error(`${result.response.status}: ${JSON.stringify(result.error)}`);
  return result.data;
}

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const ADDRESS = { name: 'Ann Smith', line1: '1 High Street', city: 'London', postcode: 'N1 1AA', country: 'GB' };
/** The seeded free shipping method (migration 1764500000000). */
const SHIPPING_METHOD = 'economy';

describe('contract: the whole journey through the generated TypeScript client', () => {
  let app: TestApp;
  let anonymous: ApiClient;

  beforeAll(async () => {
    app = await startTestApp();
    anonymous = createApiClient({ baseUrl: app.url, fetch: app.fetch });
  });
  afterAll(() => app?.stop());

  it('search -> anonymous cart -> register with the cart merged -> service, availability -> order with a visit -> pay -> history -> bookings -> a typed 409', async () => {
    // search
    const found = ok(await anonymous.GET('/api/v1/products/search', { params: { query: { q: 'pump', inStock: true, limit: 5 } } }));
    const product = found.items[0];
    if (!product) throw new Error('the demo catalog has no pump in stock');
    expect(product.availability.inStock).toBe(true);

    // anonymous cart: the token comes back in X-Cart-Token
    const added = await anonymous.POST('/api/v1/cart/items', { body: { productId: product.id, quantity: 1 } });
    const cartToken = added.response.headers.get('X-Cart-Token');
    if (!cartToken) throw new Error('no X-Cart-Token on the first cart write');
    expect(ok(added).items.map((line) => line.productId)).toEqual([product.id]);

    // register with the anonymous cart: it is merged into the account's cart
    const email = `journey-${Date.now()}@example.com`;
    const account = ok(
      await anonymous.POST('/api/v1/auth/register', {
        params: { header: { 'X-Cart-Token': cartToken } },
        body: { email, password: 'a long enough passphrase', fullName: 'Journey Customer' },
      }),
    );
    const me = createApiClient({ baseUrl: app.url, fetch: app.fetch, headers: { Authorization: `Bearer ${account.accessToken}` } });
    expect(ok(await me.GET('/api/v1/cart')).items.map((line) => line.productId)).toEqual([product.id]);

    // a repair service and its free visit starts
    const services = ok(await anonymous.GET('/api/v1/services', { params: { query: { limit: 20 } } }));
    const service = services.items[0];
    if (!service) throw new Error('the demo catalog has no repair service');
    ok(await me.POST('/api/v1/cart/items', { body: { serviceId: service.id, quantity: 1 } }));
    const availability = ok(await anonymous.GET('/api/v1/bookings/availability', { params: { query: { serviceId: service.id, from: day(1), to: day(7) } } }));
    const slot = availability.days.flatMap((d) => d.slots)[0];
    if (!slot) throw new Error('no free visit start in the coming week');

    // the order: products to a shipping address, the service as a visit
    const order = ok(
      await me.POST('/api/v1/orders', {
        body: { shippingAddress: ADDRESS, shippingMethod: SHIPPING_METHOD, visit: { start: slot.start, address: '1 High Street, London N1 1AA', notes: 'Ring twice' } },
      }),
    );
    expect(order).toMatchObject({ status: 'pending', paymentStatus: 'unpaid', paidAt: null });
    if (!order.bookingId) throw new Error('the order booked no visit');

    // a declined card: the order says so, with the reason
    const intent = ok(await me.POST('/api/v1/payments/create-intent', { body: { orderId: order.id } }));
    expect(ok(await me.POST('/api/v1/payments/confirm', { body: { paymentId: intent.id, paymentMethod: 'pm_card_declined' } })).status).toBe('failed');
    const declined = ok(await me.GET('/api/v1/orders/{id}', { params: { path: { id: order.id } } }));
    expect(declined.paymentStatus).toBe('failed');
    expect(declined.lastPaymentError).toEqual(expect.any(String));

    // create-intent + confirm with a good card
    const retry = ok(await me.POST('/api/v1/payments/create-intent', { body: { orderId: order.id } }));
    expect(ok(await me.POST('/api/v1/payments/confirm', { body: { paymentId: retry.id, paymentMethod: 'pm_card_visa' } })).status).toBe('succeeded');

    // the order and its history
    const paid = ok(await me.GET('/api/v1/orders/{id}', { params: { path: { id: order.id } } }));
    expect(paid).toMatchObject({ status: 'paid', paymentStatus: 'paid', lastPaymentError: null });
    expect(paid.paidAt).toEqual(expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/));
    expect(paid.invoiceNumber).toEqual(expect.stringMatching(/^INV-\d{6}$/));
    expect(paid.total).toBe(paid.subtotal - (paid.discount?.amount ?? 0) + paid.shipping);
    expect(paid.vatTotal + paid.netTotal).toBe(paid.total);

    // the invoice, a PDF
    const invoice = await me.GET('/api/v1/orders/{id}/invoice', { params: { path: { id: order.id } }, parseAs: 'arrayBuffer' });
    expect(invoice.response.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(ok(invoice)).subarray(0, 5).toString()).toBe('%PDF-');
    const history = ok(await me.GET('/api/v1/orders/{id}/history', { params: { path: { id: order.id } } }));
    expect(history.map((h) => [h.from, h.to])).toEqual([
      [null, 'pending'],
      ['pending', 'paid'],
    ]);
    const mine = ok(await me.GET('/api/v1/orders', { params: { query: { limit: 10 } } }));
    expect(mine.items.map((o) => [o.id, o.paymentStatus])).toEqual([[order.id, 'paid']]);

    // my bookings: the visit, confirmed by the payment
    const bookings = ok(await me.GET('/api/v1/bookings', { params: { query: { limit: 10 } } }));
    expect(bookings.items.map((b) => [b.id, b.status, b.start])).toEqual([[order.bookingId, 'confirmed', new Date(slot.start).toISOString()]]);

    // a sold-out product: a 409 whose problem is typed
    const soldOut = ok(await anonymous.GET('/api/v1/products', { params: { query: { inStock: false, limit: 1 } } })).items[0];
    if (!soldOut) throw new Error('the demo catalog has no sold-out product');
    const refused = await me.POST('/api/v1/cart/items', { body: { productId: soldOut.id, quantity: 1 } });
    expect(refused.response.status).toBe(409);
    expect(refused.error?.code).toEqual(expect.stringMatching(/stock/));
    expect(refused.error?.detail).toEqual(expect.any(String));
    expect(refused.error?.available).toBe(0);
  });
});
