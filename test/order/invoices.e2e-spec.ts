import { randomBytes } from 'node:crypto';
import type { Response } from 'supertest';
import { createProduct } from '../support/catalog';
import { pdfText } from '../support/pdf-text';
import { ADDRESS, addToCart, applyCode, checkout, confirm, createDiscount, createIntent, getOrder, OrderBody, payOrder } from '../support/orders';
import { ADMIN, bearer, expectProblem, login, registerCustomer, startTestApp, TestApp } from '../support/test-app';

type InvoicedOrder = OrderBody & { invoiceNumber: string | null; creditNotes: { number: string; amount: number; issuedAt: string }[] };

const STORE = { STORE_NAME: 'Appliance Parts Direct Ltd', STORE_ADDRESS: '2 Mill Lane, Leeds LS1 4AB', STORE_VAT_NUMBER: 'GB987654321' };

/** Reads a binary body whole (supertest leaves unknown types unparsed). */
const binary = (res: Response, done: (error: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

describe('invoices and credit notes', () => {
  let app: TestApp;
  let admin: string;
  let category: string;
  let zeroRated: string;

  beforeAll(async () => {
    app = await startTestApp({ ...STORE, MAX_UNPAID_ORDERS_PER_CUSTOMER: '60' });
    admin = await login(app, ADMIN);
    const tag = randomBytes(4).toString('hex');
    category = `inv-parts-${tag}`;
    zeroRated = `inv-manuals-${tag}`;
    await app.http().post('/api/v1/categories').set(bearer(admin)).send({ slug: category, name: 'Parts' }).expect(201);
    await app.http().post('/api/v1/categories').set(bearer(admin)).send({ slug: zeroRated, name: 'Manuals', vatRatePercent: 0 }).expect(201);
  });
  afterAll(() => app?.stop());

  const getPdf = (path: string, auth: Record<string, string>) => app.http().get(path).set(auth).buffer(true).parse(binary);

  it('50 payments confirmed at once get 50 consecutive invoice numbers, no gap, no duplicate', async () => {
    const part = await createProduct(app, admin, { name: 'Concurrent Part', price: 1200, category, initialStock: 100 });
    const customer = await registerCustomer(app);
    const auth = bearer(customer.token);
    const orders: OrderBody[] = [];
    for (let i = 0; i < 50; i++) {
      await addToCart(app, auth, part.id, 1);
      orders.push((await checkout(app, auth, { shippingAddress: ADDRESS, shippingMethod: 'standard' }).expect(201)).body as OrderBody);
    }
    const intents: string[] = [];
    for (const order of orders) intents.push((await createIntent(app, auth, order.id).expect(200)).body.id as string);

    const confirmations = await Promise.all(intents.map((id) => confirm(app, auth, id)));
    expect(confirmations.map((r) => [r.status, r.body.status])).toEqual(intents.map(() => [200, 'succeeded']));

    const numbers = await Promise.all(orders.map(async (o) => ((await getOrder(app, auth, o.id)) as InvoicedOrder).invoiceNumber));
    const sequence = numbers.map((n) => Number(/^INV-(\d{6})$/.exec(n ?? '')?.[1])).sort((a, b) => a - b);
    expect(new Set(sequence).size).toBe(50);
    expect(sequence).toEqual(Array.from({ length: 50 }, (_, i) => sequence[0] + i));
    // gap-free over the whole store: the counter is the number of invoices ever issued
    const { rows } = await app.db.query(`SELECT (SELECT last_value FROM document_counters WHERE kind = 'invoice')::int AS counter, count(*)::int AS invoices, max(seq)::int AS top FROM invoices`);
    expect(rows[0].counter).toBe(rows[0].invoices);
    expect(rows[0].top).toBe(rows[0].invoices);
  });

  it('the invoice PDF names the seller of record, the number, the lines, totals, VAT by rate and the payment; only for who may read the order', async () => {
    const manual = await createProduct(app, admin, { name: 'Washer Service Manual', price: 1000, category: zeroRated, initialStock: 10 });
    const pump = await createProduct(app, admin, { name: 'Invoice Pump', price: 3499, category, initialStock: 10 });
    const belt = await createProduct(app, admin, { name: 'Invoice Belt', price: 1250, category, initialStock: 10 });
    const customer = await registerCustomer(app);
    const auth = bearer(customer.token);
    await addToCart(app, auth, manual.id, 1);
    await addToCart(app, auth, pump.id, 2);
    await addToCart(app, auth, belt.id, 1);
    const code = await createDiscount(app, admin, { type: 'percentage', value: 10 });
    await applyCode(app, auth, code.code);
    const order = (await checkout(app, auth, { shippingAddress: ADDRESS, shippingMethod: 'next-day' }).expect(201)).body as InvoicedOrder;
    expect(order).toMatchObject({ total: 9322, invoiceNumber: null });

    const unpaid = await app.http().get(`/api/v1/orders/${order.id}/invoice`).set(auth);
    expectProblem(unpaid, 409);
    expect(unpaid.body.code).toBe('invoice.not_issued');

    await payOrder(app, auth, order.id);
    const paid = (await getOrder(app, auth, order.id)) as InvoicedOrder;
    expect(paid.invoiceNumber).toMatch(/^INV-\d{6}$/);

    const res = await getPdf(`/api/v1/orders/${order.id}/invoice`, auth).expect(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toBe(`inline; filename="${paid.invoiceNumber}.pdf"`);
    const pdf = res.body as Buffer;
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const text = await pdfText(pdf);
    for (const expected of [
      `VAT invoice ${paid.invoiceNumber}`,
      STORE.STORE_NAME,
      STORE.STORE_ADDRESS,
      `VAT registration number: ${STORE.STORE_VAT_NUMBER}`,
      `Order number: ${order.number}`,
      'Ann Smith',
      'Washer Service Manual',
      'Invoice Pump (discount £7.00)',
      'Subtotal: £92.48',
      `Discount (${code.code}): -£9.25`,
      'Shipping (Next working day, VAT 20%): £9.99',
      'Total: £93.22',
      'Total excluding VAT: £79.17',
      'Total VAT: £14.05',
      'VAT 20% on £70.17: £14.05 (gross £84.22)',
      'VAT 0% on £9.00: £0.00 (gross £9.00)',
      'Payment: £93.22 received',
    ]) {
      expect(text).toContain(expected);
    }

    // the order's access rules: another customer gets 404, an admin the PDF
    const stranger = bearer((await registerCustomer(app)).token);
    expectProblem(await app.http().get(`/api/v1/orders/${order.id}/invoice`).set(stranger), 404);
    expectProblem(await app.http().get(`/api/v1/orders/${order.id}/invoice`), 404);
    await getPdf(`/api/v1/orders/${order.id}/invoice`, bearer(admin)).expect(200);
  });

  it('a guest holding the order token downloads the invoice', async () => {
    const part = await createProduct(app, admin, { name: 'Guest Part', price: 6000, category, initialStock: 5 });
    const { cartToken } = await addToCart(app, {}, part.id, 1);
    const order = (await checkout(app, { 'X-Cart-Token': cartToken }, { email: 'invoice-guest@example.com', shippingAddress: ADDRESS, shippingMethod: 'standard' }).expect(201))
      .body as InvoicedOrder & { accessToken: string };
    expect(order).toMatchObject({ shipping: 0, total: 6000 }); // standard is free over 5000
    const guest = { 'X-Order-Token': order.accessToken };
    await payOrder(app, guest, order.id);
    const text = await pdfText((await getPdf(`/api/v1/orders/${order.id}/invoice`, guest).expect(200)).body as Buffer);
    expect(text).toContain('invoice-guest@example.com');
    expect(text).toContain('Total: £60.00');
    expectProblem(await app.http().get(`/api/v1/orders/${order.id}/invoice`).set({ 'X-Order-Token': 'not-the-token' }), 404);
  });

  it('prints Latin, Greek and Cyrillic names as typed, ? for what the font cannot show, never bytes as garbage', async () => {
    const part = await createProduct(app, admin, { name: 'Łódź pump \u202Eelbat 🚀 泵 Насос', price: 1500, category, initialStock: 5 });
    const auth = bearer((await registerCustomer(app)).token);
    await addToCart(app, auth, part.id, 1);
    const order = (await checkout(app, auth, { shippingAddress: { ...ADDRESS, name: 'Zoë Dvořák Ωmega' }, shippingMethod: 'economy' }).expect(201)).body as InvoicedOrder;
    await payOrder(app, auth, order.id);
    const text = await pdfText((await getPdf(`/api/v1/orders/${order.id}/invoice`, auth).expect(200)).body as Buffer);
    expect(text).toContain('Łódź pump elbat ? ? Насос');
    expect(text).toContain('Zoë Dvořák Ωmega');
    expect(text).not.toMatch(/Ø=Þ/);
  });

  it('a refund issues a credit note with its own gap-free number, crediting the invoice', async () => {
    const part = await createProduct(app, admin, { name: 'Refunded Part', price: 2400, category, initialStock: 5 });
    const customer = await registerCustomer(app);
    const auth = bearer(customer.token);
    await addToCart(app, auth, part.id, 2);
    const order = (await checkout(app, auth, { shippingAddress: ADDRESS, shippingMethod: 'standard' }).expect(201)).body as InvoicedOrder;
    expect(order.total).toBe(4800 + 499);
    expectProblem(await app.http().get(`/api/v1/orders/${order.id}/credit-note`).set(auth), 404);
    const payment = await payOrder(app, auth, order.id);

    const before = (await app.db.query(`SELECT last_value::int AS n FROM document_counters WHERE kind = 'credit_note'`)).rows[0].n as number;
    await app.http().post(`/api/v1/payments/${payment.id}/refund`).set(bearer(admin)).send({ amount: 2400, reason: 'one part damaged' }).expect(200);
    await app.http().post(`/api/v1/payments/${payment.id}/refund`).set(bearer(admin)).send({}).expect(200);
    const refunded = (await getOrder(app, auth, order.id)) as InvoicedOrder;
    const first = `CN-${String(before + 1).padStart(6, '0')}`;
    const second = `CN-${String(before + 2).padStart(6, '0')}`;
    expect(refunded.status).toBe('refunded');
    expect(refunded.creditNotes).toEqual([
      { number: first, amount: 2400, issuedAt: expect.any(String) },
      { number: second, amount: 2899, issuedAt: expect.any(String) },
    ]);

    const latest = await pdfText((await getPdf(`/api/v1/orders/${order.id}/credit-note`, auth).expect(200)).body as Buffer);
    expect(latest).toContain(`Credit note ${second}`);
    expect(latest).toContain(`Credits invoice ${refunded.invoiceNumber}`);
    expect(latest).toContain('Total credited: £28.99');
    // 2899 at 20%: 483.17 -> 483
    expect(latest).toContain('Total VAT: £4.83');
    const partial = await pdfText((await getPdf(`/api/v1/orders/${order.id}/credit-note?number=${first}`, auth).expect(200)).body as Buffer);
    expect(partial).toContain(`Credit note ${first}`);
    expect(partial).toContain('Total credited: £24.00');
    expect(partial).toContain('VAT 20% on £20.00: £4.00 (gross £24.00)');
    expectProblem(await app.http().get(`/api/v1/orders/${order.id}/credit-note?number=CN-999999`).set(auth), 404);
    expectProblem(await app.http().get(`/api/v1/orders/${order.id}/credit-note?number=INV-1`).set(auth), 400);
  });
});
