import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { ADMIN, bearer, login, registerCustomer, startTestApp, TestApp } from '../support/test-app';

/**
 * Swagger UI as an admin uses it, in Debian's headless chromium (`npm test` installs it when
 * missing, scripts/ensure-chromium.sh): log in through the login operation, Authorize with the
 * token, read an order by id, and take the example body Swagger UI offers for POST /orders.
 */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
describe('contract: Swagger UI in a headless browser', () => {
  let app: TestApp;
  let profile: string;
  let browser: BrowserContext;
  let page: Page;
  let orderId: string;

  beforeAll(async () => {
    app = await startTestApp();
    // A customer's order, for the admin to read.
    const admin = await login(app, ADMIN);
    const product = await app
      .http()
      .get('/api/v1/products?inStock=true&limit=1')
      .set(bearer(admin))
      .expect(200);
    const customer = await registerCustomer(app);
    await app.http().post('/api/v1/cart/items').set(bearer(customer.token)).send({ productId: product.body.items[0].id, quantity: 1 }).expect(201);
    const order = await app
      .http()
      .post('/api/v1/orders')
      .set(bearer(customer.token))
      .send({ shippingAddress: { name: 'Ann Smith', line1: '1 High Street', city: 'London', postcode: 'N1 1AA', country: 'GB' }, shippingMethod: 'economy' })
      .expect(201);
    orderId = order.body.id;

    profile = mkdtempSync(join(tmpdir(), 'rc-chromium-'));
    browser = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: FLAGS, timeout: 60_000 });
    page = browser.pages()[0] ?? (await browser.newPage());
    page.setDefaultTimeout(30_000);
    await page.goto(`${app.url}/docs`);
    await page.waitForSelector('.swagger-ui .opblock');
  });

  afterAll(async () => {
    await browser?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
    await app?.stop();
  });

  /** Opens an operation and presses "Try it out". */
  async function tryOut(id: string) {
    const op = page.locator(`#operations-${id}`);
    await op.locator('.opblock-summary').first().click();
    await op.locator('button.try-out__btn').click();
    return op;
  }

  async function execute(op: ReturnType<Page['locator']>): Promise<{ status: number; body: string }> {
    await op.locator('button.execute').click();
    const status = op.locator('.live-responses-table .response .response-col_status').first();
    await status.waitFor();
    const body = await op.locator('.live-responses-table .response-col_description .microlight, .live-responses-table .response-col_description pre').first().innerText();
    return { status: Number((await status.innerText()).trim()), body };
  }

  it('an admin logs in through login, authorizes, and reads an order by id (200)', async () => {
    const loginOp = await tryOut('auth-login');
    await loginOp.locator('textarea.body-param__text').fill(JSON.stringify(ADMIN));
    const signedIn = await execute(loginOp);
    expect(signedIn.status).toBe(200);
    const { accessToken } = JSON.parse(signedIn.body) as { accessToken: string };
    expect(accessToken).toEqual(expect.any(String));

    await page.locator('.scheme-container button.authorize').click();
    const modal = page.locator('.modal-ux');
    await modal.locator('input[type="text"], input[type="password"]').first().fill(accessToken);
    await modal.locator('button.authorize.modal-btn').click();
    await modal.locator('button.btn-done').click();

    const getOrder = await tryOut('orders-getOrder');
    await getOrder.locator('tr[data-param-name="id"] input').fill(orderId);
    const read = await execute(getOrder);
    expect(read.status).toBe(200);
    expect(JSON.parse(read.body)).toMatchObject({ id: orderId, status: 'pending', paymentStatus: 'unpaid' });
  });

  it('offers an example body for POST /orders that validates against its schema', async () => {
    const createOrder = await tryOut('orders-createOrder');
    const example = JSON.parse(await createOrder.locator('textarea.body-param__text').inputValue()) as unknown;
    expect(example).toHaveProperty('shippingAddress');
    const operation = app.contract.operation('post', '/api/v1/orders');
    if (!operation) throw new Error('createOrder is not in the document');
    expect(app.contract.validateRequestBody(operation.operationId ?? '', example)).toEqual([]);
  });
});
