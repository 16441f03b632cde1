import { fieldsOf } from '../support/catalog';
import {
  at,
  booked,
  createService,
  createTechnician,
  dateAhead,
  freshService,
  hoursOn,
  londonOffsetHours,
  newServiceType,
  nextClockChange,
  plusDays,
  slotStarts,
  todayInStore,
  UNKNOWN_UUID,
  WEEKDAY_KEYS,
} from '../support/booking-fixtures';
import { ADMIN, bearer, expectProblem, login, registerCustomer, startTestApp, TestApp } from '../support/test-app';

const MINUTE = 60_000;
const LEAD_MINUTES = 120;
/** A year ahead, so that both clock changes are within reach. */
const MAX_DAYS_AHEAD = 365;

describe('booking: availability', () => {
  let app: TestApp;
  let admin: string;
  let customer: string;

  beforeAll(async () => {
    app = await startTestApp({ LOGIN_THROTTLE_IP_LIMIT: '1000', BOOKING_MAX_DAYS_AHEAD: String(MAX_DAYS_AHEAD) });
    admin = await login(app, ADMIN);
    customer = (await registerCustomer(app)).token;
  });
  afterAll(() => app?.stop());

  const availability = (query: string) => app.http().get(`/api/v1/bookings/availability?${query}`);

  it('lists every start on the 30-minute local grid where the visit fits in the hours, as instants, without signing in', async () => {
    const service = await freshService(app, admin, 60);
    const date = dateAhead(3, 'tue');
    const tech = await createTechnician(app, admin, { skills: [service.serviceType], workingHours: hoursOn(date, '09:00', '12:00') });
    const res = await availability(`serviceId=${service.id}&date=${date}`).expect(200);
    expect(res.body).toEqual({
      serviceId: service.id,
      durationMinutes: 60,
      timeZone: 'Europe/London',
      postcode: null,
      days: [
        {
          date,
          slots: ['09:00', '09:30', '10:00', '10:30', '11:00'].map((t) => ({
            start: at(date, t),
            end: new Date(Date.parse(at(date, t)) + 60 * MINUTE).toISOString(),
            technicians: 1,
          })),
        },
      ],
    });
    // Another weekday of the same technician: no hours, no slots.
    expect(await slotStarts(app, service.id, plusDays(date, 1))).toEqual([]);
    expect(tech.id).toBeTruthy();
  });

  it('makes the visit as long as the quantity asks: two appliances, two hours', async () => {
    const service = await freshService(app, admin, 60);
    const date = dateAhead(3, 'wed');
    await createTechnician(app, admin, { skills: [service.serviceType], workingHours: hoursOn(date, '09:00', '12:00') });
    const res = await availability(`serviceId=${service.id}&date=${date}&quantity=2`).expect(200);
    expect(res.body.durationMinutes).toBe(120);
    expect(res.body.days[0].slots).toEqual([
      { start: at(date, '09:00'), end: at(date, '11:00'), technicians: 1 },
      { start: at(date, '09:30'), end: at(date, '11:30'), technicians: 1 },
      { start: at(date, '10:00'), end: at(date, '12:00'), technicians: 1 },
    ]);
  });

  it('counts the skilled technicians free at each start and ignores those of other appliances', async () => {
    const service = await freshService(app, admin, 60);
    const date = dateAhead(3, 'thu');
    await createTechnician(app, admin, { skills: [service.serviceType], workingHours: hoursOn(date, '09:00', '11:00') });
    await createTechnician(app, admin, { skills: [service.serviceType, 'washer'], workingHours: hoursOn(date, '10:00', '12:00') });
    await createTechnician(app, admin, { skills: [await newServiceType(app)], workingHours: hoursOn(date, '08:00', '18:00') });
    const res = await availability(`serviceId=${service.id}&date=${date}`).expect(200);
    expect(res.body.days[0].slots.map((s: { start: string; technicians: number }) => [s.start, s.technicians])).toEqual([
      [at(date, '09:00'), 1],
      [at(date, '09:30'), 1],
      [at(date, '10:00'), 2],
      [at(date, '10:30'), 1],
      [at(date, '11:00'), 1],
    ]);
  });

  it('keeps the 15-minute buffer after a booked visit and before the next one', async () => {
    const service = await freshService(app, admin, 60);
    const date = dateAhead(4, 'tue');
    await createTechnician(app, admin, { skills: [service.serviceType], workingHours: hoursOn(date, '09:00', '12:00') });
    // Booked 09:00-10:00, blocked until 10:15: 10:00 is gone, the next start is 10:30.
    await booked(app, customer, { serviceId: service.id, start: at(date, '09:00') });
    expect(await slotStarts(app, service.id, date)).toEqual([at(date, '10:30'), at(date, '11:00')]);

    const other = await freshService(app, admin, 60);
    await createTechnician(app, admin, { skills: [other.serviceType], workingHours: hoursOn(date, '09:00', '12:00') });
    // Booked 11:00-12:00: a visit at 10:00 would end at 11:00 with no room for its own buffer.
    await booked(app, customer, { serviceId: other.id, start: at(date, '11:00') });
    expect(await slotStarts(app, other.id, date)).toEqual([at(date, '09:00'), at(date, '09:30')]);
  });

  it('leaves out time off: part of a day, and a whole day', async () => {
    const service = await freshService(app, admin, 60);
    const date = dateAhead(4, 'wed');
    const nextWeek = plusDays(date, 7);
    await createTechnician(app, admin, {
      skills: [service.serviceType],
      workingHours: hoursOn(date, '09:00', '12:00'),
      timeOff: [
        { start: at(date, '10:00'), end: at(date, '11:00'), reason: 'Dentist' },
        { start: at(nextWeek, '00:00'), end: at(plusDays(nextWeek, 1), '00:00'), reason: 'Holiday' },
      ],
    });
    expect(await slotStarts(app, service.id, date)).toEqual([at(date, '09:00'), at(date, '11:00')]);
    expect(await slotStarts(app, service.id, nextWeek)).toEqual([]);
    expect(await slotStarts(app, service.id, plusDays(nextWeek, 7))).toHaveLength(5);
  });

  it('never offers a start sooner than the lead time: the first one is the next grid time after now + 2 hours', async () => {
    const service = await freshService(app, admin, 30);
    const allDay = Object.fromEntries(WEEKDAY_KEYS.map((d) => [d, [{ start: '00:00', end: '24:00' }]]));
    await createTechnician(app, admin, { skills: [service.serviceType], workingHours: allDay });
    const grid = (ms: number) => Math.ceil(ms / (30 * MINUTE)) * 30 * MINUTE;
    const before = Date.now();
    const res = await availability(`serviceId=${service.id}&from=${todayInStore()}&to=${plusDays(todayInStore(), 1)}`).expect(200);
    const after = Date.now();
    const starts = (res.body.days as { slots: { start: string }[] }[]).flatMap((d) => d.slots.map((s) => Date.parse(s.start)));
    expect(starts[0]).toBeGreaterThanOrEqual(grid(before + LEAD_MINUTES * MINUTE));
    expect(starts[0]).toBeLessThanOrEqual(grid(after + LEAD_MINUTES * MINUTE));
    // Today's and tomorrow's slots from there on are all offered (a 24-hour technician).
    expect(starts.length).toBeGreaterThan(24);
  });

  it('offers nothing beyond the booking horizon, where a booking would be refused', async () => {
    const service = await freshService(app, admin, 60);
    const allDay = Object.fromEntries(WEEKDAY_KEYS.map((d) => [d, [{ start: '09:00', end: '12:00' }]]));
    await createTechnician(app, admin, { skills: [service.serviceType], workingHours: allDay });
    const inside = plusDays(todayInStore(), MAX_DAYS_AHEAD - 2);
    const beyond = plusDays(todayInStore(), MAX_DAYS_AHEAD + 2);
    expect(await slotStarts(app, service.id, inside)).toHaveLength(5);
    expect(await slotStarts(app, service.id, beyond)).toEqual([]);
    const res = await app
      .http()
      .post('/api/v1/bookings')
      .set(bearer(customer))
      .send({ items: [{ serviceId: service.id, quantity: 1 }], start: at(beyond, '09:00'), address: '1 Test Street, London N1 1AA' });
    expectProblem(res, 422);
    expect(res.body.code).toBe('booking.too_far_ahead');
  });

  describe('local time across the clock changes (Europe/London)', () => {
    /** The first Tuesday at least three days ahead whose daytime is `offset` hours ahead of UTC (by the statutory rule). */
    const firstTuesdayAt = (offset: 0 | 1): string => {
      let date = dateAhead(3, 'tue');
      while (londonOffsetHours(date) !== offset) date = plusDays(date, 7);
      return date;
    };
    /** Just before a clock change the same change a year later can be 371 days away, beyond any horizon. */
    const withinHorizon = (date: string) => date < plusDays(todayInStore(), MAX_DAYS_AHEAD - 1);

    it('advertises the same local hours in winter (UTC+0) and in summer (UTC+1)', async () => {
      const service = await freshService(app, admin, 60);
      await createTechnician(app, admin, { skills: [service.serviceType], workingHours: { tue: [{ start: '09:00', end: '11:00' }] } });
      const [winter, summer] = [firstTuesdayAt(0), firstTuesdayAt(1)];
      expect(await slotStarts(app, service.id, winter)).toEqual([`${winter}T09:00:00.000Z`, `${winter}T09:30:00.000Z`, `${winter}T10:00:00.000Z`]);
      expect(await slotStarts(app, service.id, summer)).toEqual([`${summer}T08:00:00.000Z`, `${summer}T08:30:00.000Z`, `${summer}T09:00:00.000Z`]);
    });

    it('skips the hour that does not exist when the clocks go forward, and keeps the long night when they go back', async () => {
      const service = await freshService(app, admin, 60);
      await createTechnician(app, admin, { skills: [service.serviceType], workingHours: { sun: [{ start: '00:00', end: '04:00' }] } });
      const [spring, autumn] = [nextClockChange('spring'), nextClockChange('autumn')];
      expect(withinHorizon(spring) || withinHorizon(autumn)).toBe(true);
      if (withinHorizon(spring)) {
        // 00:00-04:00 local is 00:00-03:00 UTC that night: 01:00 and 01:30 local do not exist.
        expect(await slotStarts(app, service.id, spring)).toEqual(['00:00', '00:30', '01:00', '01:30', '02:00'].map((t) => `${spring}T${t}:00.000Z`));
      }
      if (withinHorizon(autumn)) {
        // 00:00 BST is 23:00 UTC the day before; 04:00 GMT is 04:00 UTC: five real hours.
        const night = await slotStarts(app, service.id, autumn);
        expect(night[0]).toBe(`${plusDays(autumn, -1)}T23:00:00.000Z`);
        expect(night.at(-1)).toBe(`${autumn}T03:00:00.000Z`);
      }
    });
  });

  it('answers a range of days day by day, empty days included', async () => {
    const service = await freshService(app, admin, 60);
    const monday = dateAhead(7, 'mon');
    const wednesday = plusDays(monday, 2);
    await createTechnician(app, admin, {
      skills: [service.serviceType],
      workingHours: { mon: [{ start: '09:00', end: '10:00' }], wed: [{ start: '14:00', end: '15:30' }] },
    });
    const res = await availability(`serviceId=${service.id}&from=${monday}&to=${wednesday}`).expect(200);
    expect(res.body.days).toEqual([
      { date: monday, slots: [{ start: at(monday, '09:00'), end: at(monday, '10:00'), technicians: 1 }] },
      { date: plusDays(monday, 1), slots: [] },
      {
        date: wednesday,
        slots: [
          { start: at(wednesday, '14:00'), end: at(wednesday, '15:00'), technicians: 1 },
          { start: at(wednesday, '14:30'), end: at(wednesday, '15:30'), technicians: 1 },
        ],
      },
    ]);
    const fortnight = await availability(`serviceId=${service.id}&from=${monday}&to=${plusDays(monday, 13)}`).expect(200);
    expect(fortnight.body.days.map((d: { date: string }) => d.date)).toEqual(Array.from({ length: 14 }, (_, i) => plusDays(monday, i)));
    expect(fortnight.body.days.map((d: { slots: unknown[] }) => d.slots.length)).toEqual([1, 0, 2, 0, 0, 0, 0, 1, 0, 2, 0, 0, 0, 0]);
  });

  describe('bad queries', () => {
    let serviceId: string;
    const date = dateAhead(3, 'tue');
    beforeAll(async () => {
      serviceId = (await freshService(app, admin)).id;
    });

    it.each([
      ['a date that does not exist', 'date', (s: string) => `serviceId=${s}&date=2026-02-30`],
      ['a date in another format', 'date', (s: string) => `serviceId=${s}&date=01/12/2026`],
      ['a date-time instead of a date', 'date', (s: string) => `serviceId=${s}&date=2026-12-01T09:00`],
      ['no date at all', 'date', (s: string) => `serviceId=${s}`],
      ['a date together with a range', 'date', (s: string) => `serviceId=${s}&date=${date}&from=${date}&to=${date}`],
      ['a range end before its start', 'to', (s: string) => `serviceId=${s}&from=${plusDays(date, 1)}&to=${date}`],
      ['a range of 15 days', 'to', (s: string) => `serviceId=${s}&from=${date}&to=${plusDays(date, 14)}`],
      ['a range end that is not a date', 'to', (s: string) => `serviceId=${s}&from=${date}&to=soon`],
      ['a serviceId that is not a UUID', 'serviceId', () => `serviceId=washer&date=${date}`],
      ['no serviceId', 'serviceId', () => `date=${date}`],
      ['quantity 0', 'quantity', (s: string) => `serviceId=${s}&date=${date}&quantity=0`],
      ['quantity 11', 'quantity', (s: string) => `serviceId=${s}&date=${date}&quantity=11`],
      ['quantity 1.5', 'quantity', (s: string) => `serviceId=${s}&date=${date}&quantity=1.5`],
      ['quantity "two"', 'quantity', (s: string) => `serviceId=${s}&date=${date}&quantity=two`],
      ['an unknown parameter', 'technicianId', (s: string) => `serviceId=${s}&date=${date}&technicianId=${UNKNOWN_UUID}`],
    ])('rejects %s with 400 naming %s', async (_label, field, query) => {
      const res = await availability(query(serviceId));
      expectProblem(res, 400);
      expect(new Set(fieldsOf(res.body))).toEqual(new Set([field]));
    });

    it('answers 404 for an unknown service and for a withdrawn one', async () => {
      const unknown = await availability(`serviceId=${UNKNOWN_UUID}&date=${date}`);
      expectProblem(unknown, 404);
      expect(unknown.body.code).toBe('service.not_found');
      const withdrawn = await createService(app, admin, { serviceType: 'washer' });
      await app.http().delete(`/api/v1/services/${withdrawn.id}`).set(bearer(admin)).expect(204);
      expectProblem(await availability(`serviceId=${withdrawn.id}&date=${date}`), 404);
    });
  });
});
