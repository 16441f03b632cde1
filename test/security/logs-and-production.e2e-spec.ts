import { randomBytes } from 'node:crypto';
import { bearer, CUSTOMER, startTestApp, TestApp } from '../support/test-app';
import { ADDRESS, addToCart, checkout, signature, WEBHOOK_SECRET, SHIPPING_METHOD } from '../support/orders';

/** Issue 12, items 5 and 10: secrets never reach the log; production serves only what it should. */
describe('security: log redaction', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ LOG_LEVEL: 'info', LOGIN_THROTTLE_IP_LIMIT: '1000', PAYMENT_WEBHOOK_SECRET: WEBHOOK_SECRET });
  });
  afterAll(() => app?.stop());

  it('writes no token, cookie or signature of a request or response into the log', async () => {
    const signedIn = await app.http().post('/api/v1/auth/login').send(CUSTOMER).expect(200);
    const { accessToken, refreshToken } = signedIn.body as { accessToken: string; refreshToken: string };
    await app.http().get('/api/v1/users/me').set(bearer(accessToken)).set('cookie', 'session=cookie-secret-value').expect(200);
    await app.http().post('/api/v1/auth/refresh').send({ refreshToken }).expect(200);
    const products = await app.http().get('/api/v1/products?limit=1').expect(200);
    const { cartToken } = await addToCart(app, {}, products.body.items[0].id as string);
    const order = await checkout(app, { 'X-Cart-Token': cartToken as string }, { shippingAddress: ADDRESS, shippingMethod: SHIPPING_METHOD, email: 'guest@example.com' }).expect(201);
    const orderToken = order.body.accessToken as string;
    await app.http().get(`/api/v1/orders/${order.body.id}`).set('x-order-token', orderToken).expect(200);
    const webhook = JSON.stringify({ id: `evt_${randomBytes(6).toString('hex')}`, type: 'payment_intent.succeeded', data: { providerPaymentId: 'pi_unknown' } });
    const sig = signature(webhook);
    await app.http().post('/api/v1/payments/webhook').set('content-type', 'application/json').set('payment-signature', sig).send(webhook);

    // Let the last request's log line be written.
    await app.http().get('/health').expect(200);
    const log = app.output();
    expect(log).toContain('"url":"/api/v1/users/me"');
    for (const secret of [accessToken, refreshToken, cartToken as string, orderToken, 'cookie-secret-value', sig.split('v1=')[1]]) {
      expect(log).not.toContain(secret);
    }
    expect(log).toContain('[redacted]');
  });
});

describe('security: production defaults', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ NODE_ENV: 'production', PAYMENT_WEBHOOK_SECRET: WEBHOOK_SECRET });
  });
  afterAll(() => app?.stop());

  it('serves no /docs unless DOCS_ENABLED is true', async () => {
    expect((await app.http().get('/docs')).status).toBe(404);
    expect((await app.http().get('/docs-json')).status).toBe(404);
  });

  it('allows no browser origin when CORS_ORIGINS is not set (no * default)', async () => {
    const other = await app.http().get('/api/v1/products').set('origin', 'https://evil.example').expect(200);
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('security: production with CORS_ORIGINS', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ NODE_ENV: 'production', PAYMENT_WEBHOOK_SECRET: WEBHOOK_SECRET, CORS_ORIGINS: 'https://shop.example', DOCS_ENABLED: 'true' });
  });
  afterAll(() => app?.stop());

  it('allows only the listed origins, and serves /docs when DOCS_ENABLED=true', async () => {
    const allowed = await app.http().get('/api/v1/products').set('origin', 'https://shop.example').expect(200);
    expect(allowed.headers['access-control-allow-origin']).toBe('https://shop.example');
    const other = await app.http().get('/api/v1/products').set('origin', 'https://evil.example').expect(200);
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
    await app.http().get('/docs-json').expect(200);
  });
});
