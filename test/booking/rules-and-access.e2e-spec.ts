import { fieldsOf } from '../support/catalog';
import {
  at,
  booked,
  BookingBody,
  createService,
  createTechnician,
  dateAhead,
  freshService,
  hoursOn,
  pay,
  plusDays,
  todayInStore,
  UNKNOWN_UUID,
  weekdayOf,
} from '../support/booking-fixtures';
import { ADMIN, bearer, expectProblem, login, registerCustomer, startTestApp, TestApp } from '../support/test-app';

const ids = (body: { items: { id: string }[] }) => body.items.map((b) => b.id);

describe('booking: who sees and changes what, and what a booking request must be', () => {
  let app: TestApp;
  let admin: string;

  beforeAll(async () => {
    app = await startTestApp({ LOGIN_THROTTLE_IP_LIMIT: '1000' });
    admin = await login(app, ADMIN);
  });
  afterAll(() => app?.stop());

  const list = (token: string, query = '') => app.http().get(`/api/v1/bookings${query}`).set(bearer(token));
  const getOne = (id: string, token: string) => app.http().get(`/api/v1/bookings/${id}`).set(bearer(token));
  const setStatus = (id: string, token: string, status: string) => app.http().patch(`/api/v1/bookings/${id}/status`).set(bearer(token)).send({ status });

  describe('access', () => {
    const date = dateAhead(3, 'tue');
    const nextWeek = plusDays(date, 7);
    let morningTech: { id: string; token: string };
    let afternoonTech: { id: string; token: string };
    let alice: { id: string; token: string };
    let bob: { id: string; token: string };
    let aliceToday: BookingBody;
    let aliceNextWeek: BookingBody;
    let bobAfternoon: BookingBody;

    beforeAll(async () => {
      const service = await freshService(app, admin);
      const hours = (start: string, end: string) => ({ [weekdayOf(date)]: [{ start, end }] });
      morningTech = await createTechnician(app, admin, { skills: [service.serviceType], workingHours: hours('09:00', '12:00') });
      afternoonTech = await createTechnician(app, admin, { skills: [service.serviceType], workingHours: hours('13:00', '17:00') });
      [alice, bob] = [await registerCustomer(app), await registerCustomer(app)];
      aliceToday = await booked(app, alice.token, { serviceId: service.id, start: at(date, '09:00') });
      aliceNextWeek = await booked(app, alice.token, { serviceId: service.id, start: at(nextWeek, '10:00') });
      bobAfternoon = await booked(app, bob.token, { serviceId: service.id, start: at(date, '14:00') });
      expect([aliceToday.technicianId, aliceNextWeek.technicianId, bobAfternoon.technicianId]).toEqual([morningTech.id, morningTech.id, afternoonTech.id]);
      await pay(app, alice.token, aliceToday.orderId);
      await pay(app, bob.token, bobAfternoon.orderId);
    });

    it('customers list and read only their own visits; another customer\'s visit is 404', async () => {
      const mine = await list(alice.token).expect(200);
      expect(mine.body).toEqual({ items: expect.any(Array), total: 2, page: 1, limit: 20 });
      expect(ids(mine.body)).toEqual([aliceToday.id, aliceNextWeek.id]);
      // A customer cannot widen the list to a technician's visits.
      expect(ids((await list(alice.token, `?technicianId=${afternoonTech.id}`).expect(200)).body)).toEqual([aliceToday.id, aliceNextWeek.id]);
      expect((await getOne(aliceToday.id, alice.token).expect(200)).body).toEqual(expect.objectContaining({ id: aliceToday.id, status: 'confirmed' }));
      const stranger = await getOne(aliceToday.id, bob.token);
      expectProblem(stranger, 404);
      expect(stranger.body.code).toBe('booking.not_found');
    });

    it('customers cannot progress visits (403), not even their own', async () => {
      expectProblem(await setStatus(aliceToday.id, alice.token, 'in_progress'), 403);
      expectProblem(await setStatus(bobAfternoon.id, alice.token, 'in_progress'), 403);
      expectProblem(await app.http().post(`/api/v1/bookings/${aliceToday.id}/assign`).set(bearer(alice.token)).send({ technicianId: afternoonTech.id }), 403);
      expect((await getOne(aliceToday.id, admin).expect(200)).body.status).toBe('confirmed');
    });

    it('technicians list only the visits assigned to them, a day\'s schedule with date=', async () => {
      expect(ids((await list(morningTech.token).expect(200)).body)).toEqual([aliceToday.id, aliceNextWeek.id]);
      const day = await list(morningTech.token, `?date=${date}`).expect(200);
      expect(day.body).toEqual(expect.objectContaining({ total: 1 }));
      expect(day.body.items).toEqual([expect.objectContaining({ id: aliceToday.id, start: at(date, '09:00'), address: aliceToday.address, customerId: alice.id })]);
      expect(ids((await list(morningTech.token, `?date=${nextWeek}`).expect(200)).body)).toEqual([aliceNextWeek.id]);
      expect(ids((await list(morningTech.token, `?date=${plusDays(date, 1)}`).expect(200)).body)).toEqual([]);
      expect(ids((await list(afternoonTech.token, `?date=${date}`).expect(200)).body)).toEqual([bobAfternoon.id]);
      // Asking for another technician's schedule still shows one's own.
      expect(ids((await list(afternoonTech.token, `?technicianId=${morningTech.id}`).expect(200)).body)).toEqual([bobAfternoon.id]);
    });

    it('a technician cannot see (404) or progress (404) another technician\'s visit, nor reschedule, cancel or assign (403)', async () => {
      expectProblem(await getOne(aliceToday.id, afternoonTech.token), 404);
      expectProblem(await setStatus(aliceToday.id, afternoonTech.token, 'in_progress'), 404);
      expectProblem(await app.http().post(`/api/v1/bookings/${bobAfternoon.id}/reschedule`).set(bearer(afternoonTech.token)).send({ start: at(date, '15:00') }), 403);
      expectProblem(await app.http().post(`/api/v1/bookings/${bobAfternoon.id}/cancel`).set(bearer(afternoonTech.token)).send({}), 403);
      expectProblem(await app.http().post(`/api/v1/bookings/${bobAfternoon.id}/assign`).set(bearer(afternoonTech.token)).send({ technicianId: morningTech.id }), 403);
      const { rows } = await app.db.query(`SELECT status FROM bookings WHERE id = $1`, [aliceToday.id]);
      expect(rows[0].status).toBe('confirmed');
      // Their own visit they can read and start.
      expect((await getOne(bobAfternoon.id, afternoonTech.token).expect(200)).body.customerId).toBe(bob.id);
      await setStatus(bobAfternoon.id, afternoonTech.token, 'in_progress').expect(200);
    });

    it('admins list every visit, filtered by technician, status, day and time range', async () => {
      const q = (query: string) => list(admin, query).expect(200);
      expect(ids((await q(`?technicianId=${morningTech.id}`)).body)).toEqual([aliceToday.id, aliceNextWeek.id]);
      expect(ids((await q(`?technicianId=${morningTech.id}&status=confirmed`)).body)).toEqual([aliceToday.id]);
      expect(ids((await q(`?technicianId=${morningTech.id}&status=pending`)).body)).toEqual([aliceNextWeek.id]);
      expect(ids((await q(`?technicianId=${morningTech.id}&date=${nextWeek}`)).body)).toEqual([aliceNextWeek.id]);
      expect(ids((await q(`?technicianId=${morningTech.id}&from=${encodeURIComponent(at(date, '09:30'))}&to=${encodeURIComponent(at(nextWeek, '10:00'))}`)).body)).toEqual([]);
      expect(ids((await q(`?technicianId=${morningTech.id}&from=${encodeURIComponent(at(date, '09:00'))}&to=${encodeURIComponent(at(nextWeek, '10:30'))}`)).body)).toEqual([
        aliceToday.id,
        aliceNextWeek.id,
      ]);
      const day = await q(`?date=${date}&limit=100`);
      expect(ids(day.body)).toEqual(expect.arrayContaining([aliceToday.id, bobAfternoon.id]));
      expect(ids(day.body)).not.toContain(aliceNextWeek.id);
      const { rows } = await app.db.query(`SELECT count(*)::int AS n FROM bookings WHERE status = 'in_progress'`);
      expect((await q('?status=in_progress')).body.total).toBe(rows[0].n);
      const paged = await q(`?technicianId=${morningTech.id}&limit=1&page=2`);
      expect(paged.body).toEqual({ items: [expect.objectContaining({ id: aliceNextWeek.id })], total: 2, page: 2, limit: 1 });
    });

    it.each([
      ['status=done', 'status'],
      ['technicianId=someone', 'technicianId'],
      ['date=2026-02-30', 'date'],
      ['date=tomorrow', 'date'],
      ['from=2026-12-01', 'from'],
      ['to=2026-12-01T00:00:00', 'to'],
      ['limit=101', 'limit'],
      ['customer=me', 'customer'],
    ])('rejects the list filter %s with 400 naming %s', async (query, field) => {
      const res = await list(admin, `?${query}`);
      expectProblem(res, 400);
      expect(new Set(fieldsOf(res.body))).toEqual(new Set([field]));
    });

    it('needs a signed-in caller; ids must be UUIDs', async () => {
      expectProblem(await app.http().get('/api/v1/bookings'), 401);
      expectProblem(await app.http().get(`/api/v1/bookings/${aliceToday.id}`), 401);
      expectProblem(await app.http().post('/api/v1/bookings').send({ items: [], start: at(date, '09:00'), address: 'Nowhere 1' }), 401);
      const bad = await getOne('not-a-uuid', alice.token);
      expectProblem(bad, 400);
      expect(fieldsOf(bad.body)).toEqual(['id']);
      expectProblem(await getOne(UNKNOWN_UUID, admin), 404);
    });
  });

  describe('booking requests', () => {
    let serviceId: string;
    let customer: { id: string; token: string };
    const date = dateAhead(4, 'wed');
    const valid = () => ({ items: [{ serviceId, quantity: 1 }], start: at(date, '10:00'), address: '1 Test Street, London N1 1AA' });

    beforeAll(async () => {
      const service = await freshService(app, admin);
      serviceId = service.id;
      await createTechnician(app, admin, { skills: [service.serviceType], workingHours: hoursOn(date, '09:00', '17:00') });
      customer = await registerCustomer(app);
    });

    const post = (body: unknown, headers: Record<string, string> = {}) =>
      app.http().post('/api/v1/bookings').set(bearer(customer.token)).set(headers).send(body as object);
    const nothingWritten = async () => {
      const orders = await app.db.query(`SELECT count(*)::int AS n FROM orders WHERE user_id = $1`, [customer.id]);
      const bookings = await app.db.query(`SELECT count(*)::int AS n FROM bookings WHERE customer_id = $1`, [customer.id]);
      return [orders.rows[0].n, bookings.rows[0].n];
    };

    it.each([
      ['a start that is not a date', 'start', { start: 'next tuesday' }],
      ['a start without an offset', 'start', { start: '2026-12-02T10:00:00' }],
      ['a start with an impossible hour', 'start', { start: '2026-12-02T25:00:00Z' }],
      ['no start', 'start', { start: undefined }],
      ['quantity 0', 'items.0.quantity', { items: [{ serviceId: 'SERVICE', quantity: 0 }] }],
      ['quantity 11', 'items.0.quantity', { items: [{ serviceId: 'SERVICE', quantity: 11 }] }],
      ['quantity "1"', 'items.0.quantity', { items: [{ serviceId: 'SERVICE', quantity: '1' }] }],
      ['quantity 1.5', 'items.0.quantity', { items: [{ serviceId: 'SERVICE', quantity: 1.5 }] }],
      ['no quantity', 'items.0.quantity', { items: [{ serviceId: 'SERVICE' }] }],
      ['a serviceId that is not a UUID', 'items.0.serviceId', { items: [{ serviceId: 'washer', quantity: 1 }] }],
      ['empty items', 'items', { items: [] }],
      ['no items', 'items', { items: undefined }],
      ['six items', 'items', { items: Array(6).fill({ serviceId: 'SERVICE', quantity: 1 }) }],
      ['the same service twice', 'items.1.serviceId', { items: [{ serviceId: 'SERVICE', quantity: 1 }, { serviceId: 'SERVICE', quantity: 10 }] }],
      ['an address of 4 characters', 'address', { address: 'Here' }],
      ['no address', 'address', { address: undefined }],
      ['notes of null', 'notes', { notes: null }],
      ['an unknown field', 'technicianId', { technicianId: UNKNOWN_UUID }],
      ['an unknown field in an item', 'items.0.price', { items: [{ serviceId: 'SERVICE', quantity: 1, price: 1 }] }],
    ])('rejects %s with 400 naming %s, writing nothing', async (_label, field, override) => {
      const withService = JSON.parse(JSON.stringify({ ...valid(), ...override }).replaceAll('SERVICE', serviceId));
      const res = await post(withService);
      expectProblem(res, 400);
      expect(new Set(fieldsOf(res.body))).toEqual(new Set([field]));
      expect(await nothingWritten()).toEqual([0, 0]);
    });

    it.each([
      ['in the past', 'booking.in_the_past', () => at(plusDays(todayInStore(), -2), '10:00')],
      ['off the grid', 'booking.off_grid', () => at(date, '10:10')],
      ['sooner than the lead time', 'booking.too_soon', () => new Date(Math.ceil((Date.now() + 30 * 60_000) / 1_800_000) * 1_800_000).toISOString()],
      ['outside working hours', 'booking.outside_working_hours', () => at(date, '17:00')],
    ])('refuses a start %s with 422 %s, writing nothing', async (_label, code, start) => {
      const res = await post({ ...valid(), start: start() });
      expectProblem(res, 422);
      expect(res.body.code).toBe(code);
      expect(await nothingWritten()).toEqual([0, 0]);
    });

    it('suggests the next free starts when nobody works at the requested time', async () => {
      const res = await post({ ...valid(), start: at(date, '07:00') });
      expectProblem(res, 422);
      expect(res.body.suggestions).toEqual(['09:00', '09:30', '10:00', '10:30', '11:00'].map((t) => at(date, t)));
    });

    it('answers 404 for an unknown or withdrawn service', async () => {
      const unknown = await post({ ...valid(), items: [{ serviceId: UNKNOWN_UUID, quantity: 1 }] });
      expectProblem(unknown, 404);
      expect(unknown.body.code).toBe('service.not_found');
      const withdrawn = await createService(app, admin, { serviceType: 'washer' });
      await app.http().delete(`/api/v1/services/${withdrawn.id}`).set(bearer(admin)).expect(204);
      expectProblem(await post({ ...valid(), items: [{ serviceId: withdrawn.id, quantity: 1 }] }), 404);
      expect(await nothingWritten()).toEqual([0, 0]);
    });

    it('replays the first answer for a repeated Idempotency-Key and refuses the key with another body', async () => {
      const key = `visit-${Date.now()}`;
      const first = await post(valid(), { 'Idempotency-Key': key }).expect(201);
      const again = await post(valid(), { 'Idempotency-Key': key }).expect(201);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(again.body).toEqual(first.body);
      const other = await post({ ...valid(), start: at(date, '14:00') }, { 'Idempotency-Key': key });
      expectProblem(other, 422);
      expect(other.body.code).toBe('idempotency.key_reused');
      expect(await nothingWritten()).toEqual([1, 1]);
      await app.http().post(`/api/v1/bookings/${first.body.id}/cancel`).set(bearer(customer.token)).send({}).expect(200);
    });

    it('books several services in one visit with a technician who has every skill, for their total time and price', async () => {
      const [washer, oven] = [await freshService(app, admin, 60, 5000), await freshService(app, admin, 30, 2500)];
      const day = dateAhead(5, 'thu');
      await createTechnician(app, admin, { skills: [washer.serviceType], workingHours: hoursOn(day, '09:00', '17:00') });
      const both = await createTechnician(app, admin, { skills: [washer.serviceType, oven.serviceType], workingHours: hoursOn(day, '12:00', '17:00') });
      const someone = await registerCustomer(app);
      const res = await app
        .http()
        .post('/api/v1/bookings')
        .set(bearer(someone.token))
        .send({ items: [{ serviceId: washer.id, quantity: 1 }, { serviceId: oven.id, quantity: 2 }], start: at(day, '13:00'), address: '3 Kitchen Row, London N1 1AA' });
      expect(res.status).toBe(201);
      expect(res.body).toEqual(expect.objectContaining({ technicianId: both.id, start: at(day, '13:00'), end: at(day, '15:00'), durationMinutes: 120 }));
      expect(res.body.order).toEqual(expect.objectContaining({ total: 10000 }));
      // Only the washer technician works at 09:00: not enough for both appliances.
      const morning = await app
        .http()
        .post('/api/v1/bookings')
        .set(bearer(someone.token))
        .send({ items: [{ serviceId: washer.id, quantity: 1 }, { serviceId: oven.id, quantity: 1 }], start: at(day, '09:00'), address: '3 Kitchen Row, London N1 1AA' });
      expectProblem(morning, 422);
      expect(morning.body.code).toBe('booking.outside_working_hours');
    });

    it('a cart with a service line checks out only with a visit: 422 order.visit_required, nothing written, the cart kept', async () => {
      const shopper = await registerCustomer(app);
      await app.http().post('/api/v1/cart/items').set(bearer(shopper.token)).send({ serviceId, quantity: 1 }).expect(201);
      const res = await app.http().post('/api/v1/orders').set(bearer(shopper.token)).send({});
      expectProblem(res, 422);
      expect(res.body.code).toBe('order.visit_required');
      const { rows } = await app.db.query(`SELECT count(*)::int AS n FROM orders WHERE user_id = $1`, [shopper.id]);
      expect(rows[0].n).toBe(0);
      const cart = await app.http().get('/api/v1/cart').set(bearer(shopper.token)).expect(200);
      expect(cart.body.items).toEqual([expect.objectContaining({ serviceId, quantity: 1 })]);

      const badVisit = await app.http().post('/api/v1/orders').set(bearer(shopper.token)).send({ visit: { start: at(date, '10:00') } });
      expectProblem(badVisit, 400);
      expect(fieldsOf(badVisit.body)).toEqual(['visit.address']);
    });
  });
});
