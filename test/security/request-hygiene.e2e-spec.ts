import http from 'node:http';
import { bearer, CUSTOMER, expectProblem, login, startTestApp, TestApp } from '../support/test-app';

/** Issue 12, items 1 and 10: hostile bodies and the headers every answer carries. */
describe('security: request bodies and response hygiene', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ LOGIN_THROTTLE_IP_LIMIT: '1000', LOGIN_THROTTLE_ACCOUNT_LIMIT: '1000', JSON_MAX_DEPTH: '32' });
  });
  afterAll(() => app?.stop());

  const nested = (depth: number) => `{"cartItemIds":${'['.repeat(depth)}${']'.repeat(depth)}}`;

  it('answers a 400,000-deep body with a 400 naming the limit while /health keeps answering', async () => {
    const body = nested(400_000);
    expect(body.length).toBeGreaterThan(790_000);
    const [attack, health] = await Promise.all([
      app.http().post('/api/v1/orders').set('content-type', 'application/json').send(body),
      app.http().get('/health'),
    ]);
    expectProblem(attack, 400);
    expect(attack.body.code).toBe('body.too_deep');
    expect(attack.body.detail).toContain('32');
    expect(health.status).toBe(200);
  });

  it('refuses a body just over the configured depth and accepts one within it', async () => {
    expectProblem(await app.http().post('/api/v1/auth/login').set('content-type', 'application/json').send(nested(40)), 400);
    // Depth inside strings does not count: brackets in a password are just characters.
    const ok = await app
      .http()
      .post('/api/v1/auth/login')
      .set('content-type', 'application/json')
      .send(JSON.stringify({ email: CUSTOMER.email, password: `${'['.repeat(50)}x` }));
    expectProblem(ok, 401);
  });

  it('refuses a form-encoded body on a JSON endpoint with 415', async () => {
    const res = await app
      .http()
      .post('/api/v1/auth/login')
      .set('content-type', 'application/x-www-form-urlencoded')
      .send(`email=${encodeURIComponent(CUSTOMER.email)}&password=${encodeURIComponent(CUSTOMER.password)}`);
    expectProblem(res, 415);
    expect(JSON.stringify(res.body)).not.toContain('FST_ERR');
  });

  it("answers Fastify's own 414 and 431 as problem+json without internal codes", async () => {
    const longParam = await app.http().get(`/api/v1/products/${'a'.repeat(500)}`);
    expectProblem(longParam, 414);
    expect(JSON.stringify(longParam.body)).not.toContain('FST_ERR');
    const huge = await rawGet(app.url, '/health', { 'x-filler': 'x'.repeat(20_000) });
    expect(huge.status).toBe(431);
    expect(huge.headers['content-type']).toMatch(/^application\/problem\+json/);
    const body = JSON.parse(huge.body) as Record<string, unknown>;
    expect(body).toEqual(expect.objectContaining({ status: 431, title: expect.any(String), type: expect.any(String), detail: expect.any(String) }));
    expect(huge.body).not.toContain('FST_ERR');
  });

  it('sends nosniff, a frame policy, a referrer policy and a CSP on API answers', async () => {
    const res = await app.http().get('/api/v1/products').expect(200);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['content-security-policy']).toMatch(/frame-ancestors 'none'/);
  });

  it('marks every answer that carries a token, and the profile, Cache-Control: no-store', async () => {
    const signedIn = await app.http().post('/api/v1/auth/login').send(CUSTOMER).expect(200);
    expect(signedIn.headers['cache-control']).toBe('no-store');
    const refreshed = await app.http().post('/api/v1/auth/refresh').send({ refreshToken: signedIn.body.refreshToken }).expect(200);
    expect(refreshed.headers['cache-control']).toBe('no-store');
    const me = await app.http().get('/api/v1/users/me').set(bearer(signedIn.body.accessToken)).expect(200);
    expect(me.headers['cache-control']).toBe('no-store');
    const products = await app.http().get('/api/v1/products?limit=1').expect(200);
    const cart = await app.http().post('/api/v1/cart/items').send({ productId: products.body.items[0].id, quantity: 1 }).expect(201);
    expect(cart.headers['x-cart-token']).toBeDefined();
    expect(cart.headers['cache-control']).toBe('no-store');
  });

  it('still serves Swagger UI at /docs with every asset it loads allowed by the CSP', async () => {
    const page = await app.http().get('/docs').redirects(2).expect(200);
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    const html = page.text;
    // Every script is a file of our own origin: an inline script would be blocked by the CSP.
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>\s*\S/);
    const assets = [...html.matchAll(/(?:src|href)="([^"]+\.(?:js|css|png))"/g)].map((m) => m[1]);
    expect(assets.length).toBeGreaterThanOrEqual(3);
    for (const asset of assets) {
      expect(asset).not.toMatch(/^https?:/);
      const url = new URL(asset, `${app.url}/docs`).pathname;
      const res = await app.http().get(url);
      expect({ url, status: res.status }).toEqual({ url, status: 200 });
    }
    await app.http().get('/docs-json').expect(200);
  });

  it('allows any origin outside production when CORS_ORIGINS is not set', async () => {
    const res = await app.http().get('/api/v1/products').set('origin', 'https://shop.example').expect(200);
    expect(res.headers['access-control-allow-origin']).toBeDefined();
  });

  it('signs in with a JSON body as before', async () => {
    expect(await login(app, CUSTOMER)).toEqual(expect.any(String));
  });
});

/** A request with headers supertest would refuse to build; the raw answer is returned. */
function rawGet(base: string, path: string, headers: Record<string, string>): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.get(`${base}${path}`, { headers }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
  });
}
