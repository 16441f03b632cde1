import ICAL from 'ical.js';
import { createCategory, createProduct, fieldsOf } from '../support/catalog';
import {
  at,
  book,
  booked,
  BookingBody,
  createTechnician,
  dateAhead,
  freshService,
  hoursOn,
  pay,
  plusDays,
  ServiceFixture,
  slotStarts,
  TechnicianFixture,
  ZONE,
} from '../support/booking-fixtures';
import { getOrder, inventoryOf, ledgerOf, OrderBody } from '../support/orders';
import { ADMIN, bearer, expectProblem, login, registerCustomer, startTestApp, TestApp } from '../support/test-app';

const REPORT = { diagnosis: 'Drain pump seized by a coin', workDone: 'Replaced the drain pump and ran a test cycle', recommendations: 'Empty pockets before washing' };

/** The VEVENTs of an iCalendar document, parsed by an independent library. */
function eventsOf(ics: string): { uid: string; start: string; end: string; location: string }[] {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  return calendar.getAllSubcomponents('vevent').map((v) => {
    const event = new ICAL.Event(v);
    return { uid: event.uid, start: event.startDate.toJSDate().toISOString(), end: event.endDate.toJSDate().toISOString(), location: event.location };
  });
}

const calendarZone = (ics: string): unknown => new ICAL.Component(ICAL.parse(ics)).getFirstPropertyValue('x-wr-timezone');

describe('repair visits that fit the trade', () => {
  let app: TestApp;
  let admin: string;

  beforeAll(async () => {
    app = await startTestApp({ LOGIN_THROTTLE_IP_LIMIT: '1000' });
    admin = await login(app, ADMIN);
  });
  afterAll(() => app?.stop());

  const setStatus = (id: string, token: string, body: Record<string, unknown>) => app.http().patch(`/api/v1/bookings/${id}/status`).set(bearer(token)).send(body);
  const recordPart = (id: string, token: string, productId: string, quantity = 1) =>
    app.http().post(`/api/v1/bookings/${id}/parts`).set(bearer(token)).send({ productId, quantity });
  const rate = (id: string, token: string, body: Record<string, unknown>) => app.http().post(`/api/v1/bookings/${id}/rating`).set(bearer(token)).send(body);
  const availability = (serviceId: string, date: string, postcode: string) =>
    app.http().get(`/api/v1/bookings/availability?serviceId=${serviceId}&date=${date}&postcode=${encodeURIComponent(postcode)}`);

  describe('service areas', () => {
    const date = dateAhead(3, 'wed');
    let service: ServiceFixture;
    let north: TechnicianFixture;
    let westminster: TechnicianFixture;

    beforeAll(async () => {
      service = await freshService(app, admin);
      north = await createTechnician(app, admin, { skills: [service.serviceType], workingHours: hoursOn(date, '09:00', '11:00'), serviceAreas: ['n'] });
      westminster = await createTechnician(app, admin, {
        skills: [service.serviceType],
        workingHours: hoursOn(date, '13:00', '15:00'),
        serviceAreas: ['SW1A', ' sw1a '],
      });
    });

    it('admins set areas and districts, normalized; a malformed one is 400', async () => {
      const list = await app.http().get('/api/v1/admin/technicians?limit=100').set(bearer(admin)).expect(200);
      const areas = (id: string) => list.body.items.find((t: { userId: string }) => t.userId === id).serviceAreas;
      expect([areas(north.id), areas(westminster.id)]).toEqual([['N'], ['SW1A']]);
      const bad = await app.http().patch(`/api/v1/admin/technicians/${north.id}`).set(bearer(admin)).send({ serviceAreas: ['N1 1AA'] });
      expectProblem(bad, 400);
      expect(fieldsOf(bad.body)).toEqual(['serviceAreas']);
    });

    it('availability offers only the times of technicians covering the postcode', async () => {
      const covered = await availability(service.id, date, 'n7 9aa').expect(200);
      expect(covered.body.postcode).toBe('N7 9AA');
      expect(covered.body.days[0].slots.map((s: { start: string }) => s.start)).toEqual([at(date, '09:00'), at(date, '09:30'), at(date, '10:00')]);
      expect(await slotStarts(app, service.id, date, 1, 'SW1A 1AA')).toEqual([at(date, '13:00'), at(date, '13:30'), at(date, '14:00')]);
      expect(await slotStarts(app, service.id, date, 1, 'ZE1 0AA')).toEqual([]);
      const malformed = await availability(service.id, date, 'NOT-A-CODE');
      expectProblem(malformed, 400);
      expect(fieldsOf(malformed.body)).toEqual(['postcode']);
    });

    it('books a covered postcode with a covering technician, refuses an uncovered one (422) and a malformed one (400)', async () => {
      const customer = await registerCustomer(app);
      const covered = await booked(app, customer.token, { serviceId: service.id, start: at(date, '09:00'), address: '9 Upper Street, London n1 2xx' });
      expect(covered).toEqual(expect.objectContaining({ technicianId: north.id, postcode: 'N1 2XX' }));

      // Westminster's technician works in the afternoon: a north London morning visit is not theirs.
      const uncovered = await book(app, customer.token, { serviceId: service.id, start: at(date, '13:00'), address: '1 Lerwick Road, Shetland ZE1 0AA' });
      expectProblem(uncovered, 422);
      expect(uncovered.body).toEqual(expect.objectContaining({ code: 'booking.area_not_covered', postcode: 'ZE1 0AA' }));

      const malformed = await book(app, customer.token, { serviceId: service.id, start: at(date, '13:00'), address: '1 Somewhere Street, London' });
      expectProblem(malformed, 400);
      expect(fieldsOf(malformed.body)).toEqual(['address']);

      // North's only technician is busy at 09:30 now; Westminster's does not cover N1, so nobody can take it.
      const busy = await book(app, customer.token, { serviceId: service.id, start: at(date, '09:30'), address: '3 Upper Street, London N1 2XX' });
      expectProblem(busy, 409);
      const { rows } = await app.db.query(`SELECT count(*)::int AS n FROM bookings WHERE technician_id = $1`, [westminster.id]);
      expect(rows[0].n).toBe(0);
    });

    it('checkout with a visit checks the postcode the same way', async () => {
      const customer = await registerCustomer(app);
      const auth = bearer(customer.token);
      await app.http().post('/api/v1/cart/items').set(auth).send({ serviceId: service.id, quantity: 1 }).expect(201);
      const uncovered = await app.http().post('/api/v1/orders').set(auth).send({ visit: { start: at(date, '14:00'), address: '1 High Street, Leeds LS1 1AA' } });
      expectProblem(uncovered, 422);
      expect(uncovered.body.code).toBe('booking.area_not_covered');
      const malformed = await app.http().post('/api/v1/orders').set(auth).send({ visit: { start: at(date, '14:00'), address: '1 High Street, Leeds' } });
      expectProblem(malformed, 400);
      expect(fieldsOf(malformed.body)).toEqual(['visit.address']);
      const ok = await app.http().post('/api/v1/orders').set(auth).send({ visit: { start: at(date, '14:00'), address: '10 Downing Street, London SW1A 2AA' } }).expect(201);
      const booking = await app.http().get(`/api/v1/bookings/${ok.body.bookingId}`).set(auth).expect(200);
      expect(booking.body).toEqual(expect.objectContaining({ technicianId: westminster.id, postcode: 'SW1A 2AA' }));
    });

    it('an admin cannot assign a visit to a technician who does not cover its postcode', async () => {
      const customer = await registerCustomer(app);
      const visit = await booked(app, customer.token, { serviceId: service.id, start: at(plusDays(date, 7), '10:00'), address: '5 Holloway Road, London N7 6PA' });
      const res = await app.http().post(`/api/v1/bookings/${visit.id}/assign`).set(bearer(admin)).send({ technicianId: westminster.id });
      expectProblem(res, 422);
      expect(res.body.code).toBe('booking.technician_unsuitable');
    });
  });

  describe('parts, report, follow-up order, rating and calendars', () => {
    const date = dateAhead(4, 'thu');
    let service: ServiceFixture;
    let techs: TechnicianFixture[];
    let alice: { id: string; token: string };
    let bob: { id: string; token: string };
    let aliceVisit: BookingBody;
    let bobVisit: BookingBody;
    let pump: { id: string; price: number };

    beforeAll(async () => {
      service = await freshService(app, admin);
      techs = [
        await createTechnician(app, admin, { skills: [service.serviceType], workingHours: hoursOn(date, '09:00', '17:00') }),
        await createTechnician(app, admin, { skills: [service.serviceType], workingHours: hoursOn(date, '09:00', '17:00') }),
      ];
      [alice, bob] = [await registerCustomer(app), await registerCustomer(app)];
      aliceVisit = await booked(app, alice.token, { serviceId: service.id, start: at(date, '09:00') });
      bobVisit = await booked(app, bob.token, { serviceId: service.id, start: at(date, '09:00') });
      // Fair assignment gives the two simultaneous visits to the two technicians.
      expect(new Set([aliceVisit.technicianId, bobVisit.technicianId]).size).toBe(2);
      const category = await createCategory(app, admin, 'parts');
      const product = await createProduct(app, admin, { name: 'Drain pump', price: 2400, category, initialStock: 1 });
      pump = { id: product.id, price: 2400 };
      await pay(app, alice.token, aliceVisit.orderId);
      await pay(app, bob.token, bobVisit.orderId);
    });

    const techOf = (visit: BookingBody) => techs.find((t) => t.id === visit.technicianId) as TechnicianFixture;

    it('parts are recorded only while the visit is in progress, by its technician or an admin', async () => {
      const early = await recordPart(aliceVisit.id, techOf(aliceVisit).token, pump.id);
      expectProblem(early, 409);
      expect(early.body.code).toBe('booking.parts_locked');
      await setStatus(aliceVisit.id, techOf(aliceVisit).token, { status: 'in_progress' }).expect(200);
      await setStatus(bobVisit.id, techOf(bobVisit).token, { status: 'in_progress' }).expect(200);
      expectProblem(await recordPart(aliceVisit.id, techOf(bobVisit).token, pump.id), 404);
      expectProblem(await recordPart(aliceVisit.id, alice.token, pump.id), 403);
      const bad = await recordPart(aliceVisit.id, techOf(aliceVisit).token, pump.id, 0);
      expectProblem(bad, 400);
      expect(fieldsOf(bad.body)).toEqual(['quantity']);
      expect(await inventoryOf(app, admin, pump.id)).toEqual(expect.objectContaining({ onHand: 1, reserved: 0 }));
    });

    it('two technicians race for the last unit: exactly one records it and stock never goes below zero', async () => {
      const results = await Promise.all([recordPart(aliceVisit.id, techOf(aliceVisit).token, pump.id), recordPart(bobVisit.id, techOf(bobVisit).token, pump.id)]);
      expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
      const lost = results.find((r) => r.status === 409)!;
      expectProblem(lost, 409);
      expect(lost.body).toEqual(expect.objectContaining({ code: 'stock.insufficient', available: 0 }));
      expect(await inventoryOf(app, admin, pump.id)).toEqual(expect.objectContaining({ onHand: 0, reserved: 0 }));
      const ledger = await ledgerOf(app, pump.id);
      expect([ledger.on_hand, ledger.on_hand_sum]).toEqual([0, 0]);

      // Whoever won, the part goes back when the entry is removed, and Alice's technician records it.
      const winner = results[0].status === 201 ? aliceVisit : bobVisit;
      const winnerPart = results.find((r) => r.status === 201)!.body as { id: string };
      await app.http().delete(`/api/v1/bookings/${winner.id}/parts/${winnerPart.id}`).set(bearer(techOf(winner).token)).expect(204);
      expect(await inventoryOf(app, admin, pump.id)).toEqual(expect.objectContaining({ onHand: 1 }));
      expectProblem(await app.http().delete(`/api/v1/bookings/${winner.id}/parts/${winnerPart.id}`).set(bearer(techOf(winner).token)), 404);
      const part = await recordPart(aliceVisit.id, techOf(aliceVisit).token, pump.id).expect(201);
      expect(part.body).toEqual(expect.objectContaining({ productId: pump.id, name: 'Drain pump', quantity: 1, recordedBy: aliceVisit.technicianId }));

      const { rows } = await app.db.query(
        `SELECT reference_id, on_hand_delta, reserved_delta FROM stock_movements WHERE product_id = $1 AND reason = 'used_on_visit' ORDER BY created_at, on_hand_delta`,
        [pump.id],
      );
      expect(rows).toEqual([
        { reference_id: `visit:${winner.id}`, on_hand_delta: -1, reserved_delta: 0 },
        { reference_id: `visit:${winner.id}`, on_hand_delta: 1, reserved_delta: 0 },
        { reference_id: `visit:${aliceVisit.id}`, on_hand_delta: -1, reserved_delta: 0 },
      ]);
      const listed = await app.http().get(`/api/v1/bookings/${aliceVisit.id}/parts`).set(bearer(alice.token)).expect(200);
      expect(listed.body.map((p: { productId: string }) => p.productId)).toEqual([pump.id]);
    });

    it('completing needs the visit report (400 without it, 409 from a visit not in progress)', async () => {
      const tech = techOf(aliceVisit).token;
      const none = await setStatus(aliceVisit.id, tech, { status: 'completed' });
      expectProblem(none, 400);
      expect(none.body.code).toBe('booking.report_required');
      const blank = await setStatus(aliceVisit.id, tech, { status: 'completed', report: { diagnosis: '   ', workDone: 'Replaced it' } });
      expectProblem(blank, 400);
      expect(fieldsOf(blank.body)).toEqual(['report.diagnosis']);
      const missingWork = await setStatus(aliceVisit.id, tech, { status: 'completed', report: { diagnosis: 'Seized pump' } });
      expectProblem(missingWork, 400);
      expect(fieldsOf(missingWork.body)).toEqual(['report.workDone']);
      expect((await app.http().get(`/api/v1/bookings/${aliceVisit.id}`).set(bearer(alice.token)).expect(200)).body.status).toBe('in_progress');
    });

    it('a rating before completion is 409', async () => {
      const early = await rate(aliceVisit.id, alice.token, { rating: 5 });
      expectProblem(early, 409);
      expect(early.body.code).toBe('booking.not_completed');
    });

    it('completion turns the parts into a pending follow-up order at the current price, paid like any order', async () => {
      await app.http().patch(`/api/v1/products/${pump.id}`).set(bearer(admin)).send({ price: 2600 }).expect(200);
      const done = await setStatus(aliceVisit.id, techOf(aliceVisit).token, { status: 'completed', report: REPORT }).expect(200);
      expect(done.body).toEqual(expect.objectContaining({ status: 'completed', report: REPORT }));
      const followUpId = done.body.followUpOrderId as string;
      expect(followUpId).toEqual(expect.any(String));

      const order: OrderBody & { visitParts: unknown } = (await getOrder(app, bearer(alice.token), followUpId)) as OrderBody & { visitParts: unknown };
      expect(order).toEqual(
        expect.objectContaining({
          status: 'pending',
          userId: alice.id,
          visitParts: { bookingId: aliceVisit.id, originalOrderId: aliceVisit.orderId },
          items: [expect.objectContaining({ kind: 'product', productId: pump.id, quantity: 1, unitPrice: 2600, lineTotal: 2600 })],
          subtotal: 2600,
          total: 2600,
          shippingAddress: null,
        }),
      );
      // The part left stock when recorded: the order reserves nothing more.
      expect(await inventoryOf(app, admin, pump.id)).toEqual(expect.objectContaining({ onHand: 0, reserved: 0 }));
      const { rows } = await app.db.query(`SELECT count(*)::int AS n FROM stock_movements WHERE reference_id = $1`, [`order:${followUpId}`]);
      expect(rows[0].n).toBe(0);

      // Parts can no longer change after completion.
      expectProblem(await recordPart(aliceVisit.id, techOf(aliceVisit).token, pump.id), 409);
      // The customer pays it; they cannot cancel it away.
      const cancel = await app.http().post(`/api/v1/orders/${followUpId}/cancel`).set(bearer(alice.token)).send({});
      expectProblem(cancel, 409);
      expect(cancel.body.code).toBe('order.parts_not_cancellable');
      await pay(app, alice.token, followUpId);
      expect((await getOrder(app, bearer(alice.token), followUpId)).status).toBe('paid');
      expect(await inventoryOf(app, admin, pump.id)).toEqual(expect.objectContaining({ onHand: 0, reserved: 0 }));
    });

    it('a visit completed without parts creates no order', async () => {
      const before = (await app.db.query(`SELECT count(*)::int AS n FROM orders WHERE user_id = $1`, [bob.id])).rows[0].n;
      const done = await setStatus(bobVisit.id, techOf(bobVisit).token, { status: 'completed', report: { diagnosis: 'Loose hose', workDone: 'Tightened the hose' } }).expect(200);
      expect(done.body).toEqual(expect.objectContaining({ followUpOrderId: null, report: { diagnosis: 'Loose hose', workDone: 'Tightened the hose', recommendations: null } }));
      expect((await app.db.query(`SELECT count(*)::int AS n FROM orders WHERE user_id = $1`, [bob.id])).rows[0].n).toBe(before);
    });

    it("the report is read with the booking by its customer, technician and admins; another customer's report, parts and calendar are 404", async () => {
      for (const token of [alice.token, techOf(aliceVisit).token, admin]) {
        const res = await app.http().get(`/api/v1/bookings/${aliceVisit.id}`).set(bearer(token)).expect(200);
        expect(res.body.report).toEqual(REPORT);
      }
      expectProblem(await app.http().get(`/api/v1/bookings/${aliceVisit.id}`).set(bearer(bob.token)), 404);
      expectProblem(await app.http().get(`/api/v1/bookings/${aliceVisit.id}/parts`).set(bearer(bob.token)), 404);
      expectProblem(await app.http().get(`/api/v1/bookings/${aliceVisit.id}/calendar.ics`).set(bearer(bob.token)), 404);
      expectProblem(await app.http().get(`/api/v1/bookings/${aliceVisit.id}/parts`).set(bearer(techOf(bobVisit).token)), 404);
      expectProblem(await app.http().get(`/api/v1/orders/${aliceVisit.orderId}`).set(bearer(bob.token)), 404);
    });

    it('the customer rates a completed visit once; others cannot; admins see the average', async () => {
      expectProblem(await rate(aliceVisit.id, bob.token, { rating: 1 }), 404);
      expectProblem(await rate(aliceVisit.id, techOf(aliceVisit).token, { rating: 5 }), 403);
      const outOfRange = await rate(aliceVisit.id, alice.token, { rating: 6 });
      expectProblem(outOfRange, 400);
      expect(fieldsOf(outOfRange.body)).toEqual(['rating']);

      // The technician whose id sorts last gets the better rating, so that the tie-breaker below
      // cannot pass by the id order it falls back to.
      const aliceGives = aliceVisit.technicianId > bobVisit.technicianId ? 5 : 2;
      const bobGives = 7 - aliceGives;
      const rated = await rate(aliceVisit.id, alice.token, { rating: aliceGives, comment: 'Quick and tidy' }).expect(201);
      expect(rated.body.rating).toEqual({ rating: aliceGives, comment: 'Quick and tidy', ratedAt: expect.any(String) });
      const again = await rate(aliceVisit.id, alice.token, { rating: 1 });
      expectProblem(again, 409);
      expect(again.body.code).toBe('booking.already_rated');
      await rate(bobVisit.id, bob.token, { rating: bobGives }).expect(201);

      const list = await app.http().get('/api/v1/admin/technicians?limit=100').set(bearer(admin)).expect(200);
      const ratingOf = (id: string) => list.body.items.find((t: { userId: string }) => t.userId === id).rating;
      expect(ratingOf(aliceVisit.technicianId)).toEqual({ average: aliceGives, count: 1 });
      expect(ratingOf(bobVisit.technicianId)).toEqual({ average: bobGives, count: 1 });
    });

    it('breaks a tie in fair assignment (same visits that day) by the higher average rating, before the id', async () => {
      const carol = await registerCustomer(app);
      const visit = await booked(app, carol.token, { serviceId: service.id, start: at(plusDays(date, 7), '11:00') });
      expect(visit.technicianId).toBe([aliceVisit.technicianId, bobVisit.technicianId].sort()[1]);
    });

    it('serves a visit as iCalendar to its customer, technician and admins, in UTC with the store zone named', async () => {
      for (const token of [alice.token, techOf(aliceVisit).token, admin]) {
        const res = await app.http().get(`/api/v1/bookings/${aliceVisit.id}/calendar.ics`).set(bearer(token)).expect(200);
        expect(res.headers['content-type']).toMatch(/^text\/calendar/);
        expect(calendarZone(res.text)).toBe(ZONE);
        expect(eventsOf(res.text)).toEqual([{ uid: `${aliceVisit.id}@visits`, start: aliceVisit.start, end: aliceVisit.end, location: aliceVisit.address }]);
        expect(res.text).toContain(`DTSTART:${aliceVisit.start.replace(/[-:]/g, '').replace('.000', '')}`);
      }
    });

    it("a technician's private feed lists their upcoming visits; rotating the token stops the old URL", async () => {
      const tech = techOf(aliceVisit);
      const other = techs.find((t) => t.id !== tech.id) as TechnicianFixture;
      const rotate = (token: string, id = tech.id) => app.http().post(`/api/v1/calendar/technicians/${id}/token`).set(bearer(token));
      expectProblem(await rotate(other.token), 404);
      expectProblem(await rotate(alice.token), 403);
      const first = await rotate(tech.token).expect(200);
      expect(first.body.url).toBe(`/api/v1/calendar/technicians/${tech.id}.ics?token=${first.body.token}`);

      const feed = await app.http().get(first.body.url).expect(200);
      expect(feed.headers['content-type']).toMatch(/^text\/calendar/);
      expect(calendarZone(feed.text)).toBe(ZONE);
      const upcoming = await app.http().get(`/api/v1/bookings?technicianId=${tech.id}&limit=100`).set(bearer(tech.token)).expect(200);
      const expected = upcoming.body.items.filter((b: BookingBody) => b.status !== 'cancelled').map((b: BookingBody) => `${b.id}@visits`);
      expect(eventsOf(feed.text).map((e) => e.uid).sort()).toEqual(expected.sort());
      expect(expected).toContain(`${aliceVisit.id}@visits`);

      const second = await rotate(admin).expect(200);
      expectProblem(await app.http().get(first.body.url), 404);
      await app.http().get(second.body.url).expect(200);
      expectProblem(await app.http().get(`/api/v1/calendar/technicians/${other.id}.ics?token=${second.body.token}`), 404);
      expectProblem(await app.http().get(`/api/v1/calendar/technicians/${tech.id}.ics`), 400);
    });
  });
});
