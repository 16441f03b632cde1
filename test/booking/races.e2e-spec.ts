import { randomUUID } from 'node:crypto';
import { at, book, booked, bookingRow, createTechnician, dateAhead, doubleBookings, freshService, orderStatus, pay, plusDays, slotStarts, weekdayOf } from '../support/booking-fixtures';
import { ADMIN, bearer, login, registerCustomer, startTestApp, TestApp } from '../support/test-app';

interface Customer {
  id: string;
  token: string;
}

describe('booking: races for the same time and the exclusion constraint', () => {
  let app: TestApp;
  let admin: string;
  /** Twenty customers, registered once (password hashing is the slow part); tests race with some of them. */
  let everyone: Customer[];

  beforeAll(async () => {
    app = await startTestApp({ LOGIN_THROTTLE_IP_LIMIT: '1000' });
    admin = await login(app, ADMIN);
    everyone = [];
    for (let i = 0; i < 20; i += 5) everyone.push(...(await Promise.all(Array.from({ length: 5 }, () => registerCustomer(app)))));
  });
  afterAll(() => app?.stop());

  const customers = async (n: number): Promise<Customer[]> => everyone.slice(0, n);

  const statusesOf = (responses: { status: number }[]) => responses.map((r) => r.status).sort();

  /** What a set of customers' checkouts have written so far: orders, their history rows, OrderPlaced events. */
  async function writtenFor(ids: string[]): Promise<{ orders: string[]; history: number; placed: number }> {
    const orders = await app.db.query(`SELECT id FROM orders WHERE user_id = ANY($1::uuid[]) ORDER BY id`, [ids]);
    const history = await app.db.query(`SELECT count(*)::int AS n FROM order_status_history h JOIN orders o ON o.id = h.order_id WHERE o.user_id = ANY($1::uuid[])`, [ids]);
    const placed = await app.db.query(`SELECT count(*)::int AS n FROM outbox WHERE name = 'OrderPlaced' AND payload->>'userId' = ANY($1::text[])`, [ids]);
    return { orders: orders.rows.map((r) => r.id), history: history.rows[0].n, placed: placed.rows[0].n };
  }

  it('20 customers racing for the last free slot: one visit, nineteen 409s with suggestions, nothing else written', async () => {
    const service = await freshService(app, admin, 60);
    const date = dateAhead(3, 'tue');
    const nextDay = plusDays(date, 1);
    const tech = await createTechnician(app, admin, {
      skills: [service.serviceType],
      workingHours: { [weekdayOf(date)]: [{ start: '09:00', end: '10:00' }], [weekdayOf(nextDay)]: [{ start: '14:00', end: '15:30' }] },
    });
    expect(await slotStarts(app, service.id, date)).toEqual([at(date, '09:00')]);
    const racers = await customers(20);
    const ids = racers.map((c) => c.id);
    const before = await writtenFor(ids);

    const responses = await Promise.all(racers.map((c) => book(app, c.token, { serviceId: service.id, start: at(date, '09:00') })));

    expect(responses.filter((r) => r.status >= 500)).toEqual([]);
    expect(statusesOf(responses)).toEqual([201, ...Array(19).fill(409)]);
    const winner = responses.find((r) => r.status === 201)!;
    expect(winner.body).toEqual(expect.objectContaining({ technicianId: tech.id, start: at(date, '09:00'), status: 'pending' }));
    for (const lost of responses.filter((r) => r.status === 409)) {
      expect(lost.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(lost.body).toEqual(expect.objectContaining({ code: 'booking.slot_taken', suggestions: [at(nextDay, '14:00'), at(nextDay, '14:30')] }));
    }

    const bookings = await app.db.query(`SELECT id, customer_id, status FROM bookings WHERE technician_id = $1`, [tech.id]);
    expect(bookings.rows).toEqual([{ id: winner.body.id, customer_id: winner.body.customerId, status: 'pending' }]);
    expect(await doubleBookings(app)).toEqual([]);
    // The nineteen failed checkouts rolled back whole: no order, no line, no event, no history.
    expect(await writtenFor(ids)).toEqual({ orders: [...before.orders, winner.body.orderId].sort(), history: before.history + 1, placed: before.placed + 1 });
    const lines = await app.db.query(`SELECT order_id FROM order_items WHERE service_id = $1`, [service.id]);
    expect(lines.rows).toEqual([{ order_id: winner.body.orderId }]);
    expect(await slotStarts(app, service.id, date)).toEqual([]);
  });

  it('two technicians and ten racers for one start: each technician gets exactly one visit', async () => {
    const service = await freshService(app, admin, 60);
    const date = dateAhead(3, 'wed');
    const hours = { [weekdayOf(date)]: [{ start: '09:00', end: '10:00' }] };
    const techs = [await createTechnician(app, admin, { skills: [service.serviceType], workingHours: hours }), await createTechnician(app, admin, { skills: [service.serviceType], workingHours: hours })];
    const racers = await customers(10);
    const before = await writtenFor(racers.map((c) => c.id));

    const responses = await Promise.all(racers.map((c) => book(app, c.token, { serviceId: service.id, start: at(date, '09:00') })));

    expect(statusesOf(responses)).toEqual([201, 201, ...Array(8).fill(409)]);
    const assigned = responses.filter((r) => r.status === 201).map((r) => r.body.technicianId as string);
    expect(assigned.sort()).toEqual(techs.map((t) => t.id).sort());
    expect(responses.filter((r) => r.status === 409).every((r) => r.body.code === 'booking.slot_taken')).toBe(true);
    expect(await doubleBookings(app)).toEqual([]);
    expect((await writtenFor(racers.map((c) => c.id))).orders).toHaveLength(before.orders.length + 2);
    const lines = await app.db.query(`SELECT count(*)::int AS n FROM order_items WHERE service_id = $1`, [service.id]);
    expect(lines.rows[0].n).toBe(2);
  });

  it('two visits rescheduled to the same free start at once: one moves, the other gets 409 and stays', async () => {
    const service = await freshService(app, admin, 60);
    const date = dateAhead(3, 'thu');
    await createTechnician(app, admin, { skills: [service.serviceType], workingHours: { [weekdayOf(date)]: [{ start: '09:00', end: '17:00' }] } });
    const [c1, c2] = await customers(2);
    const a = await booked(app, c1.token, { serviceId: service.id, start: at(date, '09:00') });
    const b = await booked(app, c2.token, { serviceId: service.id, start: at(date, '15:00') });

    const responses = await Promise.all(
      [
        [a, c1],
        [b, c2],
      ].map(([booking, c]) => app.http().post(`/api/v1/bookings/${(booking as { id: string }).id}/reschedule`).set(bearer((c as Customer).token)).send({ start: at(date, '12:00') })),
    );
    expect(statusesOf(responses)).toEqual([200, 409]);
    const lost = responses.find((r) => r.status === 409)!;
    expect(lost.body.code).toBe('booking.slot_taken');
    const starts = [(await bookingRow(app, a.id)).starts_at.toISOString(), (await bookingRow(app, b.id)).starts_at.toISOString()].sort();
    const moved = responses[0].status === 200 ? at(date, '15:00') : at(date, '09:00');
    expect(starts).toEqual([at(date, '12:00'), moved].sort());
    expect(await doubleBookings(app)).toEqual([]);
  });

  describe('a visit changed from two sides at once', () => {
    const ROUNDS = 8;
    let serviceId: string;
    let date: string;
    let tech: { id: string; token: string };
    let customer: Customer;

    beforeAll(async () => {
      const service = await freshService(app, admin, 30);
      serviceId = service.id;
      date = dateAhead(6, 'mon');
      tech = await createTechnician(app, admin, { skills: [service.serviceType], workingHours: { [weekdayOf(date)]: [{ start: '08:00', end: '20:00' }] } });
      [customer] = await customers(1);
    });

    const visitAt = (round: number, offset: number) => at(date, `${String(8 + offset + round).padStart(2, '0')}:00`);
    const paymentsOf = async (orderId: string) => (await app.db.query(`SELECT status FROM payments WHERE order_id = $1`, [orderId])).rows.map((r) => r.status);

    it('payment confirmation racing the customer\'s cancellation: never a 500, and no money kept for a cancelled visit', async () => {
      for (let round = 0; round < ROUNDS / 2; round++) {
        const booking = await booked(app, customer.token, { serviceId, start: visitAt(round, 0) });
        const intent = await app.http().post('/api/v1/payments/create-intent').set(bearer(customer.token)).send({ orderId: booking.orderId }).expect(200);
        const [confirm, cancel] = await Promise.all([
          app.http().post('/api/v1/payments/confirm').set(bearer(customer.token)).send({ paymentId: intent.body.id, paymentMethod: 'pm_card_visa' }),
          app.http().post(`/api/v1/bookings/${booking.id}/cancel`).set(bearer(customer.token)).send({}),
        ]);
        expect(cancel.status).toBe(200);
        expect([200, 409]).toContain(confirm.status);
        expect((await bookingRow(app, booking.id)).status).toBe('cancelled');
        expect(await orderStatus(app, booking.orderId)).toBe('cancelled');
        // Paid first and refunded, or cancelled first and the payment never captured.
        expect(await paymentsOf(booking.orderId)).toEqual([confirm.status === 200 ? 'refunded' : 'failed']);
      }
    });

    it('the technician starting a visit racing the customer cancelling its order: one wins, both sides agree', async () => {
      for (let round = 0; round < ROUNDS / 2; round++) {
        const booking = await booked(app, customer.token, { serviceId, start: visitAt(round, 6) });
        await pay(app, customer.token, booking.orderId);
        const [start, cancel] = await Promise.all([
          app.http().patch(`/api/v1/bookings/${booking.id}/status`).set(bearer(tech.token)).send({ status: 'in_progress' }),
          app.http().post(`/api/v1/orders/${booking.orderId}/cancel`).set(bearer(customer.token)).send({}),
        ]);
        expect([start.status, cancel.status].sort()).toEqual([200, 409]);
        const state = [(await bookingRow(app, booking.id)).status, await orderStatus(app, booking.orderId), ...(await paymentsOf(booking.orderId))];
        expect(state).toEqual(start.status === 200 ? ['in_progress', 'processing', 'succeeded'] : ['cancelled', 'cancelled', 'refunded']);
      }
    });
  });

  describe('the database constraint itself', () => {
    let technicianId: string;
    let existing: { id: string; starts_at: Date; blocked_until: Date };
    let date: string;

    beforeAll(async () => {
      const service = await freshService(app, admin, 60);
      date = dateAhead(4, 'fri');
      technicianId = (await createTechnician(app, admin, { skills: [service.serviceType], workingHours: { [weekdayOf(date)]: [{ start: '09:00', end: '17:00' }] } })).id;
      const [customer] = await customers(1);
      const booking = await booked(app, customer.token, { serviceId: service.id, start: at(date, '10:00') });
      existing = { id: booking.id, ...(await bookingRow(app, booking.id)) };
    });

    /** A bare order row for a booking to belong to (order_id is unique per booking). */
    async function bareOrder(): Promise<string> {
      const id = randomUUID();
      await app.db.query(
        `INSERT INTO orders (id, number, guest_email, status, currency, subtotal, total) VALUES ($1, (SELECT coalesce(max(number), 0) + 1000 FROM orders), 'sql@example.com', 'pending', 'GBP', 0, 0)`,
        [id],
      );
      return id;
    }

    async function insertVisit(start: string, end: string, blockedUntil: string, status = 'pending'): Promise<string> {
      const id = randomUUID();
      await app.db.query(
        `INSERT INTO bookings (id, order_id, technician_id, status, starts_at, ends_at, blocked_until, address) VALUES ($1, $2, $3, $4, $5, $6, $7, 'SQL Street')`,
        [id, await bareOrder(), technicianId, status, start, end, blockedUntil],
      );
      return id;
    }

    it('refuses an overlapping row of the same technician with 23P01 bookings_no_double_booking', async () => {
      expect(existing.blocked_until.toISOString()).toBe(at(date, '11:15'));
      const attempt = insertVisit(at(date, '11:00'), at(date, '11:30'), at(date, '11:45'));
      await expect(attempt).rejects.toMatchObject({ code: '23P01', constraint: 'bookings_no_double_booking' });
      // Inside the buffer that follows the visit is still too close.
      await expect(insertVisit(at(date, '11:10'), at(date, '11:20'), at(date, '11:35'))).rejects.toMatchObject({ code: '23P01' });
      // Moving another visit onto it is refused the same way.
      const later = await insertVisit(at(date, '14:00'), at(date, '15:00'), at(date, '15:15'));
      await expect(app.db.query(`UPDATE bookings SET starts_at = $2, ends_at = $3, blocked_until = $4 WHERE id = $1`, [later, at(date, '09:30'), at(date, '10:30'), at(date, '10:45')])).rejects.toMatchObject({
        code: '23P01',
      });
      expect(await doubleBookings(app)).toEqual([]);
    });

    it('allows a visit starting exactly when the previous one\'s buffer ends, and overlaps with cancelled visits', async () => {
      await expect(insertVisit(at(date, '11:15'), at(date, '12:15'), at(date, '12:30'))).resolves.toBeDefined();
      await expect(insertVisit(at(date, '10:00'), at(date, '11:00'), at(date, '11:15'), 'cancelled')).resolves.toBeDefined();
      // Re-opening a cancelled visit on top of a live one is refused.
      const cancelled = await insertVisit(at(date, '10:30'), at(date, '11:00'), at(date, '11:15'), 'cancelled');
      await expect(app.db.query(`UPDATE bookings SET status = 'pending' WHERE id = $1`, [cancelled])).rejects.toMatchObject({ code: '23P01' });
      expect(await doubleBookings(app)).toEqual([]);
    });
  });

  it('a cancelled visit\'s time can be booked again, by someone else, with the same technician', async () => {
    const service = await freshService(app, admin, 60);
    const date = dateAhead(5, 'mon');
    const tech = await createTechnician(app, admin, { skills: [service.serviceType], workingHours: { [weekdayOf(date)]: [{ start: '09:00', end: '10:00' }] } });
    const [first, second] = await customers(2);
    const gone = await booked(app, first.token, { serviceId: service.id, start: at(date, '09:00') });
    expect((await book(app, second.token, { serviceId: service.id, start: at(date, '09:00') })).status).toBe(409);
    await app.http().post(`/api/v1/bookings/${gone.id}/cancel`).set(bearer(first.token)).send({}).expect(200);

    const again = await booked(app, second.token, { serviceId: service.id, start: at(date, '09:00') });
    expect(again).toEqual(expect.objectContaining({ technicianId: tech.id, customerId: second.id, start: at(date, '09:00'), status: 'pending' }));
    const { rows } = await app.db.query(`SELECT customer_id, status FROM bookings WHERE technician_id = $1 ORDER BY created_at`, [tech.id]);
    expect(rows).toEqual([
      { customer_id: first.id, status: 'cancelled' },
      { customer_id: second.id, status: 'pending' },
    ]);
  });
});
