import { OrderData, VisitData } from '../domain/notification';
import { renderEmail, TemplateContext } from './index';

const ctx: TemplateContext = { storeName: 'Fix & <Co>', storeUrl: 'https://shop.example', timeZone: 'Europe/London' };

const order: OrderData = {
  orderId: '6f1c0b8e-0000-4000-8000-000000000001',
  number: 1042,
  currency: 'GBP',
  items: [{ name: '<script>alert(1)</script> seal', quantity: 2, unitPrice: 1250, lineTotal: 2500 }],
  subtotal: 2500,
  discount: { code: 'SAVE"5', amount: 500 },
  shipping: { name: 'Standard <delivery>', amount: 499 },
  total: 2499,
  vatTotal: 417,
  guest: true,
};

const visit: VisitData = {
  bookingId: '6f1c0b8e-0000-4000-8000-000000000002',
  orderId: order.orderId,
  start: '2026-07-01T08:00:00.000Z',
  end: '2026-07-01T09:30:00.000Z',
  address: '1 High St, London N1 1AA',
  services: ['Washer repair'],
  notes: 'Dog <friendly>',
  sequence: 0,
};

describe('email templates', () => {
  it('escapes everything interpolated into the HTML part, and keeps the text part as typed', () => {
    const email = renderEmail({ template: 'order-placed', data: { order } }, { ...ctx, guestAccessToken: 'tok"en' });
    expect(email.html).not.toContain('<script>');
    expect(email.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; seal');
    expect(email.html).toContain('Fix &amp; &lt;Co&gt;');
    expect(email.html).toContain('SAVE&quot;5');
    expect(email.text).toContain('2 x <script>alert(1)</script> seal  £25.00');
    expect(email.text).toContain('Standard <delivery>  £4.99');
    expect(email.html).toContain('Standard &lt;delivery&gt;');
    expect(email.text).toContain('Total  £24.99');
    expect(email.text).toContain('(includes VAT of £4.17)');
    expect(email.subject).toBe('Order #1042 received');
  });

  it('gives guests the link and the access token, and account holders neither', () => {
    const guest = renderEmail({ template: 'order-placed', data: { order } }, { ...ctx, guestAccessToken: 'abc_DEF-123' });
    expect(guest.text).toContain(`https://shop.example/orders/${order.orderId}?token=abc_DEF-123`);
    expect(guest.text).toContain('Your order access token (keep it private): abc_DEF-123');
    const customer = renderEmail({ template: 'order-placed', data: { order: { ...order, guest: false } } }, ctx);
    expect(customer.text).not.toContain('token');
  });

  it("shows visit times in the store's zone (BST in summer)", () => {
    const email = renderEmail({ template: 'visit-confirmed', data: { visit } }, ctx);
    expect(email.subject).toBe('Repair visit confirmed: Wednesday 1 July 2026, 09:00 BST');
    expect(email.text).toContain('When: Wednesday 1 July 2026, 09:00 BST (until 10:30 BST)');
    expect(email.html).toContain('Dog &lt;friendly&gt;');
  });

  it('names carrier and tracking number only when given', () => {
    const withTracking = renderEmail({ template: 'order-shipped', data: { order, carrier: 'Royal Mail', trackingNumber: 'RM123' } }, ctx);
    expect(withTracking.text).toContain('Carrier: Royal Mail');
    expect(withTracking.text).toContain('Tracking number: RM123');
    const without = renderEmail({ template: 'order-shipped', data: { order, carrier: null, trackingNumber: null } }, ctx);
    expect(without.text).not.toMatch(/Carrier|Tracking/);
  });

  it('does not speak of a payment when there was nothing to pay', () => {
    expect(renderEmail({ template: 'order-paid', data: { order } }, ctx).subject).toBe('Payment received for order #1042');
    const free = renderEmail({ template: 'order-paid', data: { order: { ...order, total: 0 } } }, ctx);
    expect(free.subject).toBe('Order #1042 confirmed');
    expect(free.text).toContain('there is nothing to pay');
  });
});
