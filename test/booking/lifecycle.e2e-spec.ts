import {
  at,
  book,
  booked,
  BookingBody,
  bookingRow,
  createTechnician,
  dateAhead,
  freshService,
  hoursOn,
  orderStatus,
  pay,
  plusDays,
  slotStarts,
} from '../support/booking-fixtures';
import { ADMIN, bearer, expectProblem, login, registerCustomer, startTestApp, TestApp } from '../support/test-app';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('booking: lifecycle, payment, fair assignment', () => {
  let app: TestApp;
  let admin: string;

  beforeAll(async () => {
    app = await startTestApp({ LOGIN_THROTTLE_IP_LIMIT: '1000', ORDER_EXPIRY_INTERVAL_SECONDS: '1' });
    admin = await login(app, ADMIN);
  });
  afterAll(() => app?.stop());

  const getBooking = (id: string, token: string) => app.http().get(`/api/v1/bookings/${id}`).set(bearer(token));
  const REPORT = { diagnosis: 'Door seal torn', workDone: 'Replaced the door seal' };
  // Completing needs the visit report (proven in visits-trade.e2e-spec.ts); these tests give one.
  const setStatus = (id: string, token: string, status: string) =>
    app
      .http()
      .patch(`/api/v1/bookings/${id}/status`)
      .set(bearer(token))
      .send(status === 'completed' ? { status, report: REPORT } : { status });

  it('confirms at once a visit whose order has nothing to pay (a 100% code on services)', async () => {
    const service = await freshService(app, admin, 60, 7000);
    const date = dateAhead(3, 'wed');
    const tech = await createTechnician(app, admin, { skills: [service.serviceType], workingHours: hoursOn(date, '09:00', '12:00') });
    const customer = await registerCustomer(app);
    const code = `FREEFIX${Date.now()}`.slice(0, 20);
    await app.http().post('/api/v1/admin/discounts').set(bearer(admin)).send({ code, name: 'Free repair', type: 'percentage', value: 100, appliesTo: 'services' }).expect(201);
    await app.http().post('/api/v1/cart/items').set(bearer(customer.token)).send({ serviceId: service.id, quantity: 1 }).expect(201);
    await app.http().post('/api/v1/cart/discount').set(bearer(customer.token)).send({ code }).expect((r) => expect([200, 201]).toContain(r.status));
    const [start] = await slotStarts(app, service.id, date);
    const res = await app.http().post('/api/v1/orders').set(bearer(customer.token)).send({ visit: { start, address: '1 Free Street, London N1 1AA' } });
    expect(res.status).toBe(201);
    expect(res.body).toEqual(expect.objectContaining({ status: 'paid', total: 0, bookingId: expect.any(String) }));
    const visit = await getBooking(res.body.bookingId, customer.token).expect(200);
    expect(visit.body).toEqual(expect.objectContaining({ status: 'confirmed', technicianId: tech.id, start }));
  });

  it('books, pays, starts and completes a visit; the order follows and its history shows every step', async () => {
    const service = await freshService(app, admin, 90, 8900);
    const date = dateAhead(3, 'tue');
    const tech = await createTechnician(app, admin, { skills: [service.serviceType], workingHours: hoursOn(date, '08:00', '13:00') });
    const customer = await registerCustomer(app);

    const offered = await slotStarts(app, service.id, date);
    expect(offered).toEqual(['08:00', '08:30', '09:00', '09:30', '10:00', '10:30', '11:00', '11:30'].map((t) => at(date, t)));

    const res = await book(app, customer.token, { serviceId: service.id, start: offered[4], quantity: 1, notes: 'Leaks from the door' });
    expect(res.status).toBe(201);
    const booking = res.body as BookingBody;
    expect(booking).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      orderId: booking.order!.id,
      customerId: customer.id,
      technicianId: tech.id,
      status: 'pending',
      start: at(date, '10:00'),
      end: at(date, '11:30'),
      durationMinutes: 90,
      address: '1 Test Street, London N1 1AA',
      postcode: 'N1 1AA',
      notes: 'Leaks from the door',
      items: [{ serviceId: service.id, name: expect.any(String), quantity: 1, unitPrice: 8900, durationMinutes: 90 }],
      report: null,
      rating: null,
      followUpOrderId: null,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
      order: { id: expect.any(String), number: expect.any(Number), total: 8900, currency: 'GBP' },
    });
    const order = await app.http().get(`/api/v1/orders/${booking.orderId}`).set(bearer(customer.token)).expect(200);
    expect(order.body).toEqual(
      expect.objectContaining({
        status: 'pending',
        userId: customer.id,
        total: 8900,
        shippingAddress: null,
        items: [expect.objectContaining({ kind: 'service', serviceId: service.id, productId: null, quantity: 1, lineTotal: 8900 })],
      }),
    );
    // The held time is no longer offered: 90 minutes and a 15-minute buffer each side fit only at 08:00.
    expect(await slotStarts(app, service.id, date)).toEqual([at(date, '08:00')]);

    // The technician cannot start a visit that is not paid for yet.
    const early = await setStatus(booking.id, tech.token, 'in_progress');
    expectProblem(early, 409);
    expect(early.body).toEqual(expect.objectContaining({ code: 'booking.invalid_transition', from: 'pending', allowed: ['confirmed', 'cancelled'] }));

    await pay(app, customer.token, booking.orderId);
    expect((await getBooking(booking.id, customer.token).expect(200)).body.status).toBe('confirmed');
    expect(await orderStatus(app, booking.orderId)).toBe('paid');

    const started = await setStatus(booking.id, tech.token, 'in_progress').expect(200);
    expect(started.body).toEqual(expect.objectContaining({ id: booking.id, status: 'in_progress' }));
    expect(await orderStatus(app, booking.orderId)).toBe('processing');

    const done = await setStatus(booking.id, tech.token, 'completed').expect(200);
    expect(done.body).toEqual(expect.objectContaining({ status: 'completed', report: { ...REPORT, recommendations: null }, followUpOrderId: null }));
    expect(await orderStatus(app, booking.orderId)).toBe('completed');
    expect((await getBooking(booking.id, customer.token).expect(200)).body.status).toBe('completed');

    const history = await app.http().get(`/api/v1/orders/${booking.orderId}/history`).set(bearer(customer.token)).expect(200);
    expect(history.body.map((h: { from: string | null; to: string; actorRole: string; actorId: string | null }) => [h.from, h.to, h.actorRole, h.actorId])).toEqual([
      [null, 'pending', 'customer', customer.id],
      ['pending', 'paid', 'system', null],
      ['paid', 'processing', 'technician', tech.id],
      ['processing', 'completed', 'technician', tech.id],
    ]);

    const again = await setStatus(booking.id, tech.token, 'in_progress');
    expectProblem(again, 409);
    expect(again.body).toEqual(expect.objectContaining({ code: 'booking.invalid_transition', from: 'completed', allowed: [] }));
    const { rows } = await app.db.query(`SELECT name, payload->>'status' AS status FROM outbox WHERE aggregate_id = $1`, [booking.id]);
    expect(rows.map((r) => `${r.name}:${r.status}`).sort()).toEqual([
      'BookingConfirmed:confirmed',
      'BookingStatusChanged:completed',
      'BookingStatusChanged:confirmed',
      'BookingStatusChanged:in_progress',
    ]);
  });

  it('lets an admin progress any visit, and refuses unknown statuses', async () => {
    const service = await freshService(app, admin);
    const date = dateAhead(3, 'wed');
    await createTechnician(app, admin, { skills: [service.serviceType], workingHours: hoursOn(date, '09:00', '12:00') });
    const customer = await registerCustomer(app);
    const booking = await booked(app, customer.token, { serviceId: service.id, start: at(date, '09:00') });
    await pay(app, customer.token, booking.orderId);
    for (const status of ['confirmed', 'cancelled', 'pending', 'done']) {
      const res = await setStatus(booking.id, admin, status);
      expectProblem(res, 400);
      expect(res.body.errors).toEqual([{ field: 'status', message: expect.stringContaining('in_progress, completed') }]);
    }
    await setStatus(booking.id, admin, 'in_progress').expect(200);
    await setStatus(booking.id, admin, 'completed').expect(200);
    expect(await orderStatus(app, booking.orderId)).toBe('completed');
    const history = await app.http().get(`/api/v1/orders/${booking.orderId}/history`).set(bearer(admin)).expect(200);
    expect(history.body.slice(2).map((h: { actorRole: string }) => h.actorRole)).toEqual(['admin', 'admin']);
  });

  it('books through the cart: a service line checked out with a visit becomes an order with its booking', async () => {
    const service = await freshService(app, admin, 60, 5000);
    const date = dateAhead(3, 'thu');
    const tech = await createTechnician(app, admin, { skills: [service.serviceType], workingHours: hoursOn(date, '13:00', '15:00') });
    const customer = await registerCustomer(app);
    await app.http().post('/api/v1/cart/items').set(bearer(customer.token)).send({ serviceId: service.id, quantity: 2 }).expect(201);
    const order = await app
      .http()
      .post('/api/v1/orders')
      .set(bearer(customer.token))
      .send({ visit: { start: at(date, '13:00'), address: '2 Cart Lane, London N1 1AA', notes: 'Two machines' } });
    expect(order.status).toBe(201);
    expect(order.body).toEqual(expect.objectContaining({ status: 'pending', total: 10000, bookingId: expect.any(String) }));
    const booking = await getBooking(order.body.bookingId, customer.token).expect(200);
    expect(booking.body).toEqual(
      expect.objectContaining({
        orderId: order.body.id,
        technicianId: tech.id,
        status: 'pending',
        start: at(date, '13:00'),
        end: at(date, '15:00'),
        durationMinutes: 120,
        address: '2 Cart Lane, London N1 1AA',
        notes: 'Two machines',
      }),
    );
    expect((await app.http().get('/api/v1/cart').set(bearer(customer.token)).expect(200)).body.items).toEqual([]);
    expect(await slotStarts(app, service.id, date)).toEqual([]);
    await pay(app, customer.token, order.body.id);
    expect((await getBooking(order.body.bookingId, customer.token).expect(200)).body.status).toBe('confirmed');
  });

  it('releases the time of a visit whose order was never paid', async () => {
    const service = await freshService(app, admin);
    const date = dateAhead(3, 'fri');
    await createTechnician(app, admin, { skills: [service.serviceType], workingHours: hoursOn(date, '09:00', '10:00') });
    const customer = await registerCustomer(app);
    const booking = await booked(app, customer.token, { serviceId: service.id, start: at(date, '09:00') });
    expect(await slotStarts(app, service.id, date)).toEqual([]);

    await app.db.query(`UPDATE orders SET created_at = now() - interval '31 minutes' WHERE id = $1`, [booking.orderId]);
    const deadline = Date.now() + 8000;
    while ((await bookingRow(app, booking.id)).status !== 'cancelled' && Date.now() < deadline) await sleep(150);
    expect((await bookingRow(app, booking.id)).status).toBe('cancelled');
    expect(await orderStatus(app, booking.orderId)).toBe('cancelled');
    expect(await slotStarts(app, service.id, date)).toEqual([at(date, '09:00')]);
  });

  describe('fair assignment', () => {
    it('gives a day\'s next visit to the technician with the fewest visits that day, then the lowest id', async () => {
      const service = await freshService(app, admin);
      const date = dateAhead(7, 'mon');
      const hours = { mon: [{ start: '09:00', end: '17:00' }] };
      const a = await createTechnician(app, admin, { skills: [service.serviceType], workingHours: hours });
      const b = await createTechnician(app, admin, { skills: [service.serviceType], workingHours: hours });
      const [low, high] = [a.id, b.id].sort();
      const customer = await registerCustomer(app);
      const visit = async (d: string, t: string) => (await booked(app, customer.token, { serviceId: service.id, start: at(d, t) })).technicianId;

      // Visits on another day do not count against anyone.
      expect(await visit(plusDays(date, 7), '09:00')).toBe(low);
      expect(await visit(plusDays(date, 7), '12:00')).toBe(high);
      expect(await visit(plusDays(date, 7), '15:00')).toBe(low);

      expect(await visit(date, '09:00')).toBe(low);
      expect(await visit(date, '14:00')).toBe(high);
      expect(await visit(date, '11:00')).toBe(low);
      expect(await visit(date, '16:00')).toBe(high);
      // At 11:30 the one with fewer visits (low) is still busy until 12:15: the free one takes it.
      expect(await visit(date, '11:30')).toBe(high);
      const { rows } = await app.db.query(
        `SELECT technician_id, count(*)::int AS n FROM bookings WHERE technician_id = ANY($1::uuid[]) AND starts_at >= $2 AND starts_at < $3 GROUP BY technician_id ORDER BY technician_id`,
        [[low, high], at(date, '00:00'), at(plusDays(date, 1), '00:00')],
      );
      expect(rows).toEqual([
        { technician_id: low, n: 2 },
        { technician_id: high, n: 3 },
      ]);
    });
  });
});
