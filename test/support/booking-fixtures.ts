import { randomBytes } from 'node:crypto';
import { DateTime } from 'luxon';
import { bearer, registerCustomer, TestApp } from './test-app';

/**
 * Fixtures for the booking suites. Every test makes its own appliance type (service types are
 * reference data without an API, so they are inserted directly), its own repair service of that
 * type and its own technicians skilled in it: the seeded demo technician, who was given every
 * type that existed at seed time, never competes, and tests do not see each other's technicians.
 */
export const ZONE = 'Europe/London';
export const UNKNOWN_UUID = '00000000-0000-4000-8000-000000000000';
export const WEEKDAY_KEYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type WeekdayKey = (typeof WEEKDAY_KEYS)[number];
export type Hours = Partial<Record<WeekdayKey, { start: string; end: string }[]>>;

const hex = (bytes = 4) => randomBytes(bytes).toString('hex');

/** The last Sunday of a month (1-12) as a day of the month. */
function lastSunday(year: number, month: number): number {
  const last = new Date(Date.UTC(year, month, 0));
  return last.getUTCDate() - last.getUTCDay();
}

/**
 * The UK offset from UTC in hours during the working day of a local date, by the statutory rule
 * (British Summer Time from the last Sunday of March to the last Sunday of October), computed
 * without the time-zone library the app uses, so that expected instants are an independent oracle.
 */
export function londonOffsetHours(date: string): 0 | 1 {
  const [y, m, d] = date.split('-').map(Number);
  const key = m * 100 + d;
  return key >= 300 + lastSunday(y, 3) && key < 1000 + lastSunday(y, 10) ? 1 : 0;
}

/**
 * The next day the UK clocks change ('spring': last Sunday of March, forward; 'autumn': last Sunday
 * of October, back) at least two days from now, as a local date.
 */
export function nextClockChange(kind: 'spring' | 'autumn'): string {
  const month = kind === 'spring' ? 3 : 10;
  const soonest = plusDays(todayInStore(), 2);
  for (let year = Number(soonest.slice(0, 4)); ; year++) {
    const date = `${year}-${String(month).padStart(2, '0')}-${String(lastSunday(year, month)).padStart(2, '0')}`;
    if (date >= soonest) return date;
  }
}

/** The instant of a local wall-clock time "HH:MM" on a local date, as the API writes it. */
export function at(date: string, hhmm: string): string {
  const [y, m, d] = date.split('-').map(Number);
  const [h, min] = hhmm.split(':').map(Number);
  return new Date(Date.UTC(y, m - 1, d, h - londonOffsetHours(date), min)).toISOString();
}

export const todayInStore = (): string => DateTime.now().setZone(ZONE).toISODate() as string;

/** The first local date at least `minDaysAhead` days after today that falls on `weekday`. */
export function dateAhead(minDaysAhead: number, weekday: WeekdayKey): string {
  let day = DateTime.now().setZone(ZONE).startOf('day').plus({ days: minDaysAhead });
  while (WEEKDAY_KEYS[day.weekday - 1] !== weekday) day = day.plus({ days: 1 });
  return day.toISODate() as string;
}

export const weekdayOf = (date: string): WeekdayKey => WEEKDAY_KEYS[DateTime.fromISO(date, { zone: ZONE }).weekday - 1];

export const plusDays = (date: string, days: number): string => DateTime.fromISO(date, { zone: ZONE }).plus({ days }).toISODate() as string;

export async function newServiceType(app: TestApp): Promise<string> {
  const slug = `bk-${hex()}`;
  await app.db.query(`INSERT INTO service_types (slug, name) VALUES ($1, $2)`, [slug, `Test appliance ${slug}`]);
  return slug;
}

export interface ServiceFixture {
  id: string;
  serviceType: string;
  basePrice: number;
  durationMinutes: number;
}

export async function createService(app: TestApp, admin: string, input: { serviceType: string; durationMinutes?: number; basePrice?: number }): Promise<ServiceFixture> {
  const body = { name: `Repair ${hex()}`, basePrice: input.basePrice ?? 6500, serviceType: input.serviceType, durationMinutes: input.durationMinutes ?? 60 };
  const res = await app.http().post('/api/v1/services').set(bearer(admin)).send(body);
  if (res.status !== 201) throw new Error(`creating a service answered ${res.status}: ${JSON.stringify(res.body)}`);
  return { id: res.body.id, serviceType: body.serviceType, basePrice: body.basePrice, durationMinutes: body.durationMinutes };
}

/** A fresh appliance type with one service of it: the usual start of a booking test. */
export async function freshService(app: TestApp, admin: string, durationMinutes = 60, basePrice = 6500): Promise<ServiceFixture> {
  return createService(app, admin, { serviceType: await newServiceType(app), durationMinutes, basePrice });
}

export interface TechnicianFixture {
  id: string;
  email: string;
  token: string;
}

/** The postcode the fixtures' visits are at, and the area every fixture technician covers unless told otherwise. */
export const COVERED_POSTCODE = 'N1 1AA';
export const FIXTURE_AREAS = ['N'];

/** Registers a user and makes them a technician with the given skills and hours (covering area N unless `serviceAreas` says otherwise). */
export async function createTechnician(
  app: TestApp,
  admin: string,
  input: { skills: string[]; workingHours: Hours; timeOff?: { start: string; end: string; reason?: string }[]; serviceAreas?: string[] },
): Promise<TechnicianFixture> {
  const user = await registerCustomer(app, { fullName: `Technician ${hex(2)}` });
  const res = await app
    .http()
    .post('/api/v1/admin/technicians')
    .set(bearer(admin))
    .send({ userId: user.id, serviceAreas: FIXTURE_AREAS, ...input });
  if (res.status !== 201) throw new Error(`creating a technician answered ${res.status}: ${JSON.stringify(res.body)}`);
  return { id: user.id, email: user.email, token: user.token };
}

/** Hours on one weekday only. */
export const hoursOn = (date: string, start: string, end: string): Hours => ({ [weekdayOf(date)]: [{ start, end }] });

export function book(app: TestApp, token: string, input: { serviceId: string; start: string; quantity?: number; address?: string; notes?: string }) {
  return app
    .http()
    .post('/api/v1/bookings')
    .set(bearer(token))
    .send({
      items: [{ serviceId: input.serviceId, quantity: input.quantity ?? 1 }],
      start: input.start,
      address: input.address ?? '1 Test Street, London N1 1AA',
      ...(input.notes !== undefined ? { notes: input.notes } : {}),
    });
}

export interface BookingBody {
  id: string;
  orderId: string;
  customerId: string | null;
  technicianId: string;
  status: string;
  start: string;
  end: string;
  durationMinutes: number;
  address: string;
  postcode: string | null;
  notes: string | null;
  items: { serviceId: string; name: string; quantity: number; unitPrice: number; durationMinutes: number }[];
  report: { diagnosis: string; workDone: string; recommendations: string | null } | null;
  rating: { rating: number; comment: string | null; ratedAt: string } | null;
  followUpOrderId: string | null;
  order?: { id: string; number: number; total: number; currency: string };
}

/** Books and expects success; returns the created booking. */
export async function booked(app: TestApp, token: string, input: Parameters<typeof book>[2]): Promise<BookingBody> {
  const res = await book(app, token, input);
  if (res.status !== 201) throw new Error(`booking ${input.start} answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body as BookingBody;
}

/** Pays an order with the test card that succeeds; returns the payment id. */
export async function pay(app: TestApp, token: string, orderId: string): Promise<string> {
  const intent = await app.http().post('/api/v1/payments/create-intent').set(bearer(token)).send({ orderId });
  if (intent.status !== 200) throw new Error(`create-intent answered ${intent.status}: ${JSON.stringify(intent.body)}`);
  const confirm = await app.http().post('/api/v1/payments/confirm').set(bearer(token)).send({ paymentId: intent.body.id, paymentMethod: 'pm_card_visa' });
  if (confirm.status !== 200 || confirm.body.status !== 'succeeded') throw new Error(`confirm answered ${confirm.status}: ${JSON.stringify(confirm.body)}`);
  return intent.body.id as string;
}

export async function slotStarts(app: TestApp, serviceId: string, date: string, quantity = 1, postcode?: string): Promise<string[]> {
  const where = postcode === undefined ? '' : `&postcode=${encodeURIComponent(postcode)}`;
  const res = await app.http().get(`/api/v1/bookings/availability?serviceId=${serviceId}&date=${date}&quantity=${quantity}${where}`);
  if (res.status !== 200) throw new Error(`availability answered ${res.status}: ${JSON.stringify(res.body)}`);
  return (res.body.days[0].slots as { start: string }[]).map((s) => s.start);
}

export async function bookingRow(app: TestApp, id: string): Promise<{ status: string; technician_id: string; starts_at: Date; ends_at: Date; blocked_until: Date }> {
  return (await app.db.query(`SELECT status, technician_id, starts_at, ends_at, blocked_until FROM bookings WHERE id = $1`, [id])).rows[0];
}

export const orderStatus = async (app: TestApp, orderId: string): Promise<string> =>
  (await app.db.query(`SELECT status FROM orders WHERE id = $1`, [orderId])).rows[0]?.status;

/** Pairs of overlapping non-cancelled visits of one technician (with the buffer): must always be empty. */
export async function doubleBookings(app: TestApp): Promise<unknown[]> {
  const { rows } = await app.db.query(`
    SELECT a.id AS a, b.id AS b, a.technician_id
      FROM bookings a JOIN bookings b
        ON a.technician_id = b.technician_id AND a.id < b.id
       AND a.starts_at < b.blocked_until AND b.starts_at < a.blocked_until
     WHERE a.status <> 'cancelled' AND b.status <> 'cancelled'`);
  return rows;
}
