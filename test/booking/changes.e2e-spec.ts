import {
  at,
  booked,
  bookingRow,
  createTechnician,
  dateAhead,
  doubleBookings,
  freshService,
  hoursOn,
  newServiceType,
  orderStatus,
  pay,
  plusDays,
  slotStarts,
  todayInStore,
  UNKNOWN_UUID,
} from '../support/booking-fixtures';
import { ADMIN, bearer, expectProblem, login, registerCustomer, startTestApp, TestApp } from '../support/test-app';

describe('booking: reschedule, cancel and reassign', () => {
  let app: TestApp;
  let admin: string;

  beforeAll(async () => {
    app = await startTestApp({ LOGIN_THROTTLE_IP_LIMIT: '1000' });
    admin = await login(app, ADMIN);
  });
  afterAll(async () => {
    if (!app) return; // the app did not start: beforeAll already failed the suite
    expect(await doubleBookings(app)).toEqual([]);
    await app.stop();
  });

  const reschedule = (id: string, token: string, start: string) => app.http().post(`/api/v1/bookings/${id}/reschedule`).set(bearer(token)).send({ start });
  const cancel = (id: string, token: string, body: Record<string, unknown> = {}) => app.http().post(`/api/v1/bookings/${id}/cancel`).set(bearer(token)).send(body);
  const assign = (id: string, token: string, technicianId: string) => app.http().post(`/api/v1/bookings/${id}/assign`).set(bearer(token)).send({ technicianId });

  describe('reschedule', () => {
    it('moves a visit to a free start, keeping its technician, and frees the old time', async () => {
      const service = await freshService(app, admin);
      const date = dateAhead(3, 'tue');
      const tech = await createTechnician(app, admin, { skills: [service.serviceType], workingHours: hoursOn(date, '09:00', '12:00') });
      const customer = await registerCustomer(app);
      const booking = await booked(app, customer.token, { serviceId: service.id, start: at(date, '09:00') });

      // 09:30 overlaps the visit's own current time: that does not count against it.
      const moved = await reschedule(booking.id, customer.token, at(date, '09:30')).expect(200);
      expect(moved.body).toEqual(expect.objectContaining({ id: booking.id, technicianId: tech.id, status: 'pending', start: at(date, '09:30'), end: at(date, '10:30') }));
      const row = await bookingRow(app, booking.id);
      expect([row.starts_at.toISOString(), row.ends_at.toISOString(), row.blocked_until.toISOString()]).toEqual([
        at(date, '09:30'),
        at(date, '10:30'),
        at(date, '10:45'),
      ]);
      expect(await slotStarts(app, service.id, date)).toEqual([at(date, '11:00')]);

      const nextDay = plusDays(date, 7);
      await reschedule(booking.id, customer.token, at(nextDay, '11:00')).expect(200);
      expect(await slotStarts(app, service.id, date)).toHaveLength(5);
      expect(await slotStarts(app, service.id, nextDay)).toEqual([at(nextDay, '09:00'), at(nextDay, '09:30')]);
    });

    it('moves a visit to another technician when only they are free at the new start', async () => {
      const service = await freshService(app, admin);
      const date = dateAhead(3, 'wed');
      const morning = await createTechnician(app, admin, { skills: [service.serviceType], workingHours: hoursOn(date, '09:00', '12:00') });
      const afternoon = await createTechnician(app, admin, { skills: [service.serviceType], workingHours: hoursOn(date, '13:00', '17:00') });
      const customer = await registerCustomer(app);
      const booking = await booked(app, customer.token, { serviceId: service.id, start: at(date, '09:00') });
      expect(booking.technicianId).toBe(morning.id);
      const moved = await reschedule(booking.id, admin, at(date, '14:00')).expect(200);
      expect(moved.body).toEqual(expect.objectContaining({ technicianId: afternoon.id, start: at(date, '14:00') }));
    });

    it('answers 409 booking.slot_taken with the next free starts when the new start is taken, and changes nothing', async () => {
      const service = await freshService(app, admin);
      const date = dateAhead(3, 'thu');
      await createTechnician(app, admin, { skills: [service.serviceType], workingHours: hoursOn(date, '09:00', '13:00') });
      const [first, second] = [await registerCustomer(app), await registerCustomer(app)];
      await booked(app, first.token, { serviceId: service.id, start: at(date, '09:00') });
      const mine = await booked(app, second.token, { serviceId: service.id, start: at(date, '12:00') });

      const res = await reschedule(mine.id, second.token, at(date, '09:30'));
      expectProblem(res, 409);
      expect(res.body.code).toBe('booking.slot_taken');
      // Free starts after 09:30 if this visit moved: its own time counts as free.
      expect(res.body.suggestions).toEqual(['10:30', '11:00', '11:30', '12:00'].map((t) => at(date, t)));
      const row = await bookingRow(app, mine.id);
      expect(row.starts_at.toISOString()).toBe(at(date, '12:00'));
    });

    it.each([
      ['outside working hours', 422, 'booking.outside_working_hours', (date: string) => at(date, '18:00')],
      ['on a day the technician does not work', 422, 'booking.outside_working_hours', (date: string) => at(plusDays(date, 1), '10:00')],
      ['in the past', 422, 'booking.in_the_past', () => at(plusDays(todayInStore(), -1), '10:00')],
      ['sooner than the lead time', 422, 'booking.too_soon', () => new Date(Math.ceil((Date.now() + 60 * 60_000) / 1_800_000) * 1_800_000).toISOString()],
      ['off the 30-minute grid', 422, 'booking.off_grid', (date: string) => at(date, '10:10')],
      ['on the grid but with seconds', 422, 'booking.off_grid', (date: string) => at(date, '10:00').replace(':00.000Z', ':30.000Z')],
    ])('refuses a new start %s (%i %s) and keeps the visit where it was', async (_label, status, code, start) => {
      const service = await freshService(app, admin);
      const date = dateAhead(4, 'mon');
      await createTechnician(app, admin, { skills: [service.serviceType], workingHours: hoursOn(date, '09:00', '17:00') });
      const customer = await registerCustomer(app);
      const booking = await booked(app, customer.token, { serviceId: service.id, start: at(date, '09:00') });
      const res = await reschedule(booking.id, customer.token, start(date));
      expectProblem(res, status);
      expect(res.body.code).toBe(code);
      expect((await bookingRow(app, booking.id)).starts_at.toISOString()).toBe(at(date, '09:00'));
    });

    it('refuses bad input, technicians, strangers and visits that can no longer move', async () => {
      const service = await freshService(app, admin);
      const date = dateAhead(4, 'tue');
      const tech = await createTechnician(app, admin, { skills: [service.serviceType], workingHours: hoursOn(date, '09:00', '17:00') });
      const customer = await registerCustomer(app);
      const booking = await booked(app, customer.token, { serviceId: service.id, start: at(date, '09:00') });

      for (const start of ['tomorrow', '2026-12-01T09:00:00', '2026-12-01T25:00:00Z', '2026-12-01T09:00:00+0100']) {
        const res = await reschedule(booking.id, customer.token, start);
        expectProblem(res, 400);
        expect(res.body.errors.map((e: { field: string }) => e.field)).toContain('start');
      }
      expectProblem(await app.http().post(`/api/v1/bookings/${booking.id}/reschedule`).set(bearer(customer.token)).send({ start: at(date, '10:00'), technicianId: tech.id }), 400);
      expectProblem(await reschedule(booking.id, tech.token, at(date, '10:00')), 403);
      expectProblem(await reschedule(booking.id, (await registerCustomer(app)).token, at(date, '10:00')), 404);
      expectProblem(await reschedule(UNKNOWN_UUID, customer.token, at(date, '10:00')), 404);

      await pay(app, customer.token, booking.orderId);
      await app.http().patch(`/api/v1/bookings/${booking.id}/status`).set(bearer(tech.token)).send({ status: 'in_progress' }).expect(200);
      const started = await reschedule(booking.id, admin, at(date, '10:00'));
      expectProblem(started, 409);
      expect(started.body).toEqual(expect.objectContaining({ code: 'booking.not_changeable', bookingStatus: 'in_progress' }));
    });
  });

  describe('cancel', () => {
    it('cancels an unpaid visit for its customer: booking and order cancelled, the time free again', async () => {
      const service = await freshService(app, admin);
      const date = dateAhead(5, 'tue');
      await createTechnician(app, admin, { skills: [service.serviceType], workingHours: hoursOn(date, '09:00', '10:00') });
      const customer = await registerCustomer(app);
      const booking = await booked(app, customer.token, { serviceId: service.id, start: at(date, '09:00') });
      expect(await slotStarts(app, service.id, date)).toEqual([]);

      const res = await cancel(booking.id, customer.token, { reason: 'Fixed it myself' }).expect(200);
      expect(res.body).toEqual(expect.objectContaining({ id: booking.id, status: 'cancelled' }));
      expect((await bookingRow(app, booking.id)).status).toBe('cancelled');
      expect(await orderStatus(app, booking.orderId)).toBe('cancelled');
      const history = await app.http().get(`/api/v1/orders/${booking.orderId}/history`).set(bearer(customer.token)).expect(200);
      expect(history.body.at(-1)).toEqual(expect.objectContaining({ from: 'pending', to: 'cancelled', actorId: customer.id, actorRole: 'customer', note: 'Fixed it myself' }));
      expect(await slotStarts(app, service.id, date)).toEqual([at(date, '09:00')]);

      const again = await cancel(booking.id, customer.token);
      expectProblem(again, 409);
      expect(again.body).toEqual(expect.objectContaining({ code: 'booking.not_cancellable', bookingStatus: 'cancelled' }));
    });

    it('refunds a paid visit in full when its customer cancels', async () => {
      const service = await freshService(app, admin, 60, 7400);
      const date = dateAhead(5, 'wed');
      await createTechnician(app, admin, { skills: [service.serviceType], workingHours: hoursOn(date, '09:00', '10:00') });
      const customer = await registerCustomer(app);
      const booking = await booked(app, customer.token, { serviceId: service.id, start: at(date, '09:00'), quantity: 1 });
      const paymentId = await pay(app, customer.token, booking.orderId);
      expect((await bookingRow(app, booking.id)).status).toBe('confirmed');

      await cancel(booking.id, customer.token).expect(200);
      expect((await bookingRow(app, booking.id)).status).toBe('cancelled');
      expect(await orderStatus(app, booking.orderId)).toBe('cancelled');
      const payment = await app.http().get(`/api/v1/payments/${paymentId}`).set(bearer(customer.token)).expect(200);
      expect(payment.body).toEqual(expect.objectContaining({ status: 'refunded', amount: 7400, amountRefunded: 7400 }));
      const { rows } = await app.db.query(`SELECT amount::int AS amount, reason FROM refunds WHERE payment_id = $1`, [paymentId]);
      expect(rows).toEqual([{ amount: 7400, reason: 'order cancelled' }]);
    });

    it('is for the customer and admins: technicians get 403, other customers 404; a started visit cannot be cancelled', async () => {
      const service = await freshService(app, admin);
      const date = dateAhead(5, 'thu');
      const tech = await createTechnician(app, admin, { skills: [service.serviceType], workingHours: hoursOn(date, '09:00', '12:00') });
      const customer = await registerCustomer(app);
      const booking = await booked(app, customer.token, { serviceId: service.id, start: at(date, '09:00') });
      expectProblem(await cancel(booking.id, tech.token), 403);
      expectProblem(await cancel(booking.id, (await registerCustomer(app)).token), 404);
      expectProblem(await cancel(booking.id, customer.token, { reason: 'x'.repeat(501) }), 400);
      expect((await bookingRow(app, booking.id)).status).toBe('pending');

      await pay(app, customer.token, booking.orderId);
      await app.http().patch(`/api/v1/bookings/${booking.id}/status`).set(bearer(tech.token)).send({ status: 'in_progress' }).expect(200);
      const started = await cancel(booking.id, admin);
      expectProblem(started, 409);
      expect(started.body.code).toBe('booking.not_cancellable');
      expect(await orderStatus(app, booking.orderId)).toBe('processing');
    });
  });

  describe('assign (admin)', () => {
    let serviceId: string;
    let type: string;
    let date: string;
    let customer: string;
    let current: string;
    let free: string;
    let busy: string;
    let unskilled: string;
    let offDuty: string;
    let bookingId: string;

    beforeAll(async () => {
      const service = await freshService(app, admin);
      serviceId = service.id;
      type = service.serviceType;
      date = dateAhead(6, 'fri');
      const hours = hoursOn(date, '09:00', '17:00');
      customer = (await registerCustomer(app)).token;
      busy = (await createTechnician(app, admin, { skills: [type], workingHours: hoursOn(date, '10:00', '12:00') })).id;
      // The busy technician's only visit, booked while they are the only one working at 10:00.
      await booked(app, customer, { serviceId, start: at(date, '10:00') });
      current = (await createTechnician(app, admin, { skills: [type], workingHours: hours })).id;
      const booking = await booked(app, customer, { serviceId, start: at(date, '10:30') });
      expect(booking.technicianId).toBe(current);
      bookingId = booking.id;
      free = (await createTechnician(app, admin, { skills: [type], workingHours: hours })).id;
      unskilled = (await createTechnician(app, admin, { skills: [await newServiceType(app)], workingHours: hours })).id;
      offDuty = (await createTechnician(app, admin, { skills: [type], workingHours: hoursOn(date, '13:00', '17:00') })).id;
    });

    it('reassigns a visit to another free skilled technician', async () => {
      const res = await assign(bookingId, admin, free).expect(200);
      expect(res.body).toEqual(expect.objectContaining({ id: bookingId, technicianId: free, start: at(date, '10:30'), status: 'pending' }));
      expect((await bookingRow(app, bookingId)).technician_id).toBe(free);
      await assign(bookingId, admin, current).expect(200);
      expect((await bookingRow(app, bookingId)).technician_id).toBe(current);
    });

    it('answers 409 booking.technician_busy for a technician with an overlapping visit', async () => {
      const res = await assign(bookingId, admin, busy);
      expectProblem(res, 409);
      expect(res.body.code).toBe('booking.technician_busy');
      expect((await bookingRow(app, bookingId)).technician_id).toBe(current);
    });

    it('answers 422 booking.technician_unsuitable for one without the skill, off duty then, or not a technician', async () => {
      for (const technicianId of [unskilled, offDuty, UNKNOWN_UUID]) {
        const res = await assign(bookingId, admin, technicianId);
        expectProblem(res, 422);
        expect(res.body.code).toBe('booking.technician_unsuitable');
      }
      expect((await bookingRow(app, bookingId)).technician_id).toBe(current);
    });

    it('is for admins only and validates the technician id', async () => {
      expectProblem(await assign(bookingId, customer, free), 403);
      expectProblem(await assign(bookingId, admin, 'someone'), 400);
      expectProblem(await assign(UNKNOWN_UUID, admin, free), 404);
      expect((await bookingRow(app, bookingId)).technician_id).toBe(current);
    });
  });
});
