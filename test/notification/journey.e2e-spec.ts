import { at, booked, createTechnician, dateAhead, freshService, hoursOn, pay, slotStarts } from '../support/booking-fixtures';
import { createCategory, createProduct } from '../support/catalog';
import { inviteOf, summary } from '../support/mail-fixtures';
import { TestMailServer, waitFor } from '../support/mail-server';
import { ADDRESS, addToCart, checkout, OrderBody, payOrder, placeOrder, setStatus, SHIPPING_METHOD } from '../support/orders';
import { ADMIN, bearer, expectProblem, login, registerCustomer, startTestApp, TestApp } from '../support/test-app';

const STORE_NAME = 'Fix & <Parts>';

describe('notifications: a customer journey sends exactly the expected emails', () => {
  let app: TestApp;
  let mail: TestMailServer;
  let admin: string;
  let category: string;

  beforeAll(async () => {
    mail = await TestMailServer.start();
    app = await startTestApp({
      SMTP_URL: mail.url,
      STORE_NAME,
      STORE_URL: 'https://shop.example.test',
      NOTIFICATION_INTERVAL_MS: '300',
      NOTIFICATION_BACKOFF_SECONDS: '1',
      VISIT_REMINDER_INTERVAL_SECONDS: '0',
      LOGIN_THROTTLE_IP_LIMIT: '1000',
    });
    admin = await login(app, ADMIN);
    category = await createCategory(app, admin, 'notify');
  });
  afterAll(async () => {
    await app?.stop();
    await mail?.stop();
  });

  /** Waits until `count` messages reached these recipients, then until nothing more is queued, and returns them. */
  async function settled(recipients: string[], count: number) {
    const mine = () => mail.messages.filter((m) => m.to.some((to) => recipients.includes(to)));
    await waitFor(`${count} emails to ${recipients.join(', ')}`, () => mine().length >= count);
    await waitFor('no email left to send', async () => (await app.db.query(`SELECT count(*)::int AS n FROM notifications WHERE status <> 'sent'`)).rows[0].n === 0);
    // Anything planned late would be in the table by now; give a straggler time to arrive.
    await new Promise((r) => setTimeout(r, 1500));
    return mine();
  }

  it('shop: welcome, guest and customer orders, payment, shipping, cancellation and refund', async () => {
    const product = await createProduct(app, admin, { name: 'Door seal', price: 1250, category, initialStock: 20 });
    const customer = await registerCustomer(app, { fullName: 'Ann <b>Smith</b>' });
    const guest = `guest-${Date.now()}@example.com`;

    // a guest order (unpaid, then cancelled by the guest with the token from the email)
    const { cartToken } = await addToCart(app, {}, product.id, 2);
    const guestOrder = (await checkout(app, { 'X-Cart-Token': cartToken }, { email: guest, shippingAddress: ADDRESS, shippingMethod: SHIPPING_METHOD }).expect(201)).body as OrderBody;

    // the customer's order: paid, processing, shipped
    const shipped = await placeOrder(app, customer.token, product.id, 1);
    await payOrder(app, bearer(customer.token), shipped.id);
    await setStatus(app, admin, shipped.id, 'processing').expect(200);
    await app.http().patch(`/api/v1/orders/${shipped.id}/status`).set(bearer(admin)).send({ status: 'shipped', carrier: 'DPD', trackingNumber: '15501234567890' }).expect(200);

    // a second order: paid, then cancelled by the customer (refunded)
    const cancelled = await placeOrder(app, customer.token, product.id, 3);
    await payOrder(app, bearer(customer.token), cancelled.id);
    await app.http().post(`/api/v1/orders/${cancelled.id}/cancel`).set(bearer(customer.token)).send({ reason: 'changed my mind' }).expect(200);

    const guestMails = await settled([guest], 1);
    const placed = guestMails[0];
    expect(placed.template).toBe('order-placed');
    // the guest gets the link and the access token they need to come back to the order
    const token = placed.parsed.text?.match(/access token \(keep it private\): (\S+)/)?.[1];
    expect(token).toBeDefined();
    expect(placed.parsed.text).toContain(`https://shop.example.test/orders/${guestOrder.id}?token=`);
    // the email's lines add up to the order's total: the delivery and the VAT included are shown
    expect(placed.parsed.text).toContain(`${guestOrder.shippingMethod!.name}  £0.00`);
    expect(placed.parsed.text).toContain(`Total  £${(guestOrder.total / 100).toFixed(2)}`);
    expect(placed.parsed.text).toContain(`(includes VAT of £${(guestOrder.vatTotal / 100).toFixed(2)})`);
    await app.http().get(`/api/v1/orders/${guestOrder.id}`).set('X-Order-Token', token!).expect(200);
    // the mailed token opens that order only
    const other = await addToCart(app, {}, product.id, 1);
    const otherOrder = (await checkout(app, { 'X-Cart-Token': other.cartToken }, { email: `other-${guest}`, shippingAddress: ADDRESS, shippingMethod: SHIPPING_METHOD }).expect(201)).body as OrderBody;
    expectProblem(await app.http().get(`/api/v1/orders/${otherOrder.id}`).set('X-Order-Token', token!), 404);
    await app.http().post(`/api/v1/orders/${guestOrder.id}/cancel`).set('X-Order-Token', token!).send({}).expect(200);

    const mails = await settled([customer.email, guest], 9);
    expect(summary(mails)).toEqual(
      [
        `${customer.email} welcome`,
        `${customer.email} order-placed`,
        `${customer.email} order-paid`,
        `${customer.email} order-shipped`,
        `${customer.email} order-placed`,
        `${customer.email} order-paid`,
        `${customer.email} order-cancelled`,
        `${customer.email} order-refunded`,
        `${guest} order-placed`,
        `${guest} order-cancelled`,
      ].sort(),
    );
    // one message per (event, recipient, template): no duplicates by Message-ID either
    expect(new Set(mails.map((m) => m.messageId)).size).toBe(mails.length);

    const welcome = mails.find((m) => m.template === 'welcome')!;
    expect(welcome.subject).toBe(`Welcome to ${STORE_NAME}`);
    expect(welcome.parsed.from?.value[0]).toEqual(expect.objectContaining({ name: STORE_NAME }));
    // text and HTML parts; what the customer typed and the store's name are escaped in HTML
    expect(welcome.parsed.text).toContain('Hello Ann <b>Smith</b>,');
    expect(welcome.parsed.html).toContain('Hello Ann &lt;b&gt;Smith&lt;/b&gt;,');
    expect(welcome.parsed.html).toContain('Fix &amp; &lt;Parts&gt;');
    expect(welcome.parsed.html).not.toContain('<b>Smith</b>');

    const paid = mails.find((m) => m.template === 'order-paid' && m.subject.includes(`#${shipped.number}`))!;
    expect(paid.parsed.text).toContain('£12.50');
    const shippedMail = mails.find((m) => m.template === 'order-shipped')!;
    expect(shippedMail.parsed.text).toContain('Carrier: DPD');
    expect(shippedMail.parsed.text).toContain('Tracking number: 15501234567890');
    // the VAT invoice rides along as a PDF
    expect(paid.parsed.attachments.map((a) => [a.filename, a.contentType])).toEqual([[expect.stringMatching(/^INV-\d{6}\.pdf$/), 'application/pdf']]);
    expect(paid.parsed.attachments[0]?.content.subarray(0, 5).toString()).toBe('%PDF-');
    const refund = mails.find((m) => m.template === 'order-refunded')!;
    expect(refund.parsed.text).toContain('A full refund of £37.50');
    // customers with an account get no token in their emails
    expect(mails.filter((m) => m.to.includes(customer.email)).some((m) => /access token/.test(m.parsed.text ?? ''))).toBe(false);

    // admins see every email, filtered by order or recipient
    const byOrder = await app.http().get(`/api/v1/admin/notifications?orderId=${cancelled.id}`).set(bearer(admin)).expect(200);
    expect(byOrder.body.items.map((n: { template: string }) => n.template).sort()).toEqual(['order-cancelled', 'order-paid', 'order-placed', 'order-refunded']);
    expect(byOrder.body.items.every((n: { status: string; recipient: string }) => n.status === 'sent' && n.recipient === customer.email)).toBe(true);
    const byGuest = await app.http().get(`/api/v1/admin/notifications?recipient=${encodeURIComponent(guest.toUpperCase())}`).set(bearer(admin)).expect(200);
    expect(byGuest.body.total).toBe(2);
  });

  it('visits: confirmed, rescheduled and cancelled, with calendar invites to the customer and the technician', async () => {
    const service = await freshService(app, admin, 60, 6500);
    const date = dateAhead(4, 'thu');
    const tech = await createTechnician(app, admin, { skills: [service.serviceType], workingHours: hoursOn(date, '09:00', '17:00') });
    const customer = await registerCustomer(app);
    const [start] = await slotStarts(app, service.id, date);
    const booking = await booked(app, customer.token, { serviceId: service.id, start, notes: 'Ring twice' });
    await pay(app, customer.token, booking.orderId);
    const confirmedMails = await settled([customer.email, tech.email], 6);
    expect(summary(confirmedMails)).toEqual(
      [`${customer.email} welcome`, `${tech.email} welcome`, `${customer.email} order-placed`, `${customer.email} order-paid`, `${customer.email} visit-confirmed`, `${tech.email} technician-visit-assigned`].sort(),
    );

    const uid = `${booking.id}@visits`;
    const confirmed = confirmedMails.find((m) => m.template === 'visit-confirmed')!;
    const invite = inviteOf(confirmed)!;
    expect(invite).toEqual(expect.objectContaining({ method: 'REQUEST', uid, sequence: 0, start: booking.start, end: booking.end, attendees: [customer.email] }));
    // written in UTC
    expect(invite.rawStart).toBe(booking.start.replace(/[-:]/g, '').replace(/\.\d{3}/, ''));
    expect(invite.rawStart).toMatch(/Z$/);
    expect(inviteOf(confirmedMails.find((m) => m.template === 'technician-visit-assigned')!)).toEqual(
      expect.objectContaining({ method: 'REQUEST', uid, sequence: 0, start: booking.start, attendees: [tech.email] }),
    );
    // the time in the text is the store's (Europe/London)
    expect(confirmed.parsed.text).toContain('Ring twice');

    const later = at(date, '14:00');
    await app.http().post(`/api/v1/bookings/${booking.id}/reschedule`).set(bearer(customer.token)).send({ start: later }).expect(200);
    const afterMove = await settled([customer.email, tech.email], 8);
    const moved = afterMove.find((m) => m.template === 'visit-rescheduled')!;
    expect(moved.to).toEqual([customer.email]);
    expect(inviteOf(moved)).toEqual(expect.objectContaining({ method: 'REQUEST', uid, sequence: 1, start: later, status: 'CONFIRMED' }));
    expect(inviteOf(afterMove.find((m) => m.template === 'technician-visit-changed')!)).toEqual(expect.objectContaining({ method: 'REQUEST', uid, sequence: 1, start: later }));
    expect(moved.parsed.text).toMatch(/14:00 (GMT|BST)/);

    await app.http().post(`/api/v1/bookings/${booking.id}/cancel`).set(bearer(customer.token)).send({ reason: 'fixed it myself' }).expect(200);
    const all = await settled([customer.email, tech.email], 12);
    expect(summary(all)).toEqual(
      [
        `${customer.email} welcome`,
        `${tech.email} welcome`,
        `${customer.email} order-placed`,
        `${customer.email} order-paid`,
        `${customer.email} visit-confirmed`,
        `${tech.email} technician-visit-assigned`,
        `${customer.email} visit-rescheduled`,
        `${tech.email} technician-visit-changed`,
        `${customer.email} order-cancelled`,
        `${customer.email} order-refunded`,
        `${customer.email} visit-cancelled`,
        `${tech.email} technician-visit-cancelled`,
      ].sort(),
    );
    for (const template of ['visit-cancelled', 'technician-visit-cancelled']) {
      expect(inviteOf(all.find((m) => m.template === template)!)).toEqual(expect.objectContaining({ method: 'CANCEL', uid, sequence: 2, start: later, status: 'CANCELLED' }));
    }
    const byBooking = await app.http().get(`/api/v1/admin/notifications?bookingId=${booking.id}&status=sent`).set(bearer(admin)).expect(200);
    expect(byBooking.body.total).toBe(6);
  });

  it('a guest books a visit at checkout and pays with the token from the email: the guest gets the invite', async () => {
    const service = await freshService(app, admin, 60, 6500);
    const date = dateAhead(6, 'tue');
    const tech = await createTechnician(app, admin, { skills: [service.serviceType], workingHours: hoursOn(date, '09:00', '17:00') });
    const guest = `guest-visit-${Date.now()}@example.com`;
    const added = await app.http().post('/api/v1/cart/items').send({ serviceId: service.id, quantity: 1 }).expect(201);
    const [start] = await slotStarts(app, service.id, date);
    const order = (
      await checkout(app, { 'X-Cart-Token': added.headers['x-cart-token'] as string }, { email: guest, visit: { start, address: '2 Guest Road, London N1 1AA' } }).expect(201)
    ).body as OrderBody & { bookingId: string };
    const [placed] = await settled([guest], 1);
    const token = placed.parsed.text?.match(/access token \(keep it private\): (\S+)/)?.[1];
    await payOrder(app, { 'X-Order-Token': token! }, order.id);
    const mails = await settled([guest, tech.email], 5);
    expect(summary(mails)).toEqual([`${guest} order-placed`, `${guest} order-paid`, `${guest} visit-confirmed`, `${tech.email} welcome`, `${tech.email} technician-visit-assigned`].sort());
    expect(inviteOf(mails.find((m) => m.template === 'visit-confirmed')!)).toEqual(
      expect.objectContaining({ method: 'REQUEST', uid: `${order.bookingId}@visits`, sequence: 0, start, attendees: [guest] }),
    );
  });

  it('a technician given a visit by an admin is told; the one it was taken from gets a cancelling invite', async () => {
    const service = await freshService(app, admin, 60, 6500);
    const date = dateAhead(5, 'fri');
    const first = await createTechnician(app, admin, { skills: [service.serviceType], workingHours: hoursOn(date, '09:00', '17:00') });
    const customer = await registerCustomer(app);
    const [start] = await slotStarts(app, service.id, date);
    const booking = await booked(app, customer.token, { serviceId: service.id, start });
    expect(booking.technicianId).toBe(first.id);
    const second = await createTechnician(app, admin, { skills: [service.serviceType], workingHours: hoursOn(date, '09:00', '17:00') });
    await pay(app, customer.token, booking.orderId);
    await settled([first.email], 2);
    await app.http().post(`/api/v1/bookings/${booking.id}/assign`).set(bearer(admin)).send({ technicianId: second.id }).expect(200);
    const mails = await settled([customer.email, first.email, second.email], 9);
    expect(summary(mails.filter((m) => m.template.startsWith('technician-') || m.template.startsWith('visit-')))).toEqual(
      [`${customer.email} visit-confirmed`, `${first.email} technician-visit-assigned`, `${first.email} technician-visit-cancelled`, `${second.email} technician-visit-assigned`].sort(),
    );
    expect(inviteOf(mails.find((m) => m.to.includes(first.email) && m.template === 'technician-visit-cancelled')!)).toEqual(expect.objectContaining({ method: 'CANCEL', sequence: 1 }));
    expect(inviteOf(mails.find((m) => m.to.includes(second.email) && m.template === 'technician-visit-assigned')!)).toEqual(expect.objectContaining({ method: 'REQUEST', sequence: 1, start }));
  });
});
