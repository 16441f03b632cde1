import { DateTime } from 'luxon';
import { api, burst, check, hex, must, registerCustomers } from '../lib/api';
import type { BenchContext, Scenario } from '../scenario';

const CUSTOMERS = 100;
const SLOTS = 3;
const ZONE = 'Europe/London';

/** The first weekday at least 3 days ahead with at least SLOTS free starts, and those starts. */
async function freeStarts(ctx: BenchContext, serviceId: string): Promise<{ date: string; starts: string[] }> {
  let day = DateTime.now().setZone(ZONE).startOf('day').plus({ days: 3 });
  for (let tries = 0; tries < 28; tries++, day = day.plus({ days: 1 })) {
    if (day.weekday > 5) continue;
    const date = day.toISODate() as string;
    const res = await must<{ days: { slots: { start: string }[] }[] }>(ctx, 200, 'GET', `/bookings/availability?serviceId=${serviceId}&date=${date}`);
    const starts = (res.days[0]?.slots ?? []).map((s) => s.start);
    if (starts.length >= SLOTS) return { date, starts: starts.slice(0, SLOTS) };
  }
  throw new Error(`booking.race: no weekday in the next four weeks has ${SLOTS} free starts`);
}

/** 100 customers race for the first 3 free starts of one day (round robin); the technician must never be double booked. */
export const bookingScenarios: Scenario[] = [
  {
    kind: 'race',
    name: 'booking.race',
    description: `${CUSTOMERS} customers fire POST /api/v1/bookings at once for the first ${SLOTS} free starts of a weekday (round robin) of a 60-minute washer repair; one technician (demo data) and starts 30 min apart overlap, so typically 1 succeeds`,
    perDataset: false,
    run: async (ctx) => {
      const service = await must<{ id: string }>(ctx, 201, 'POST', '/services', ctx.tokens.admin, {
        name: `Bench washer repair ${hex()}`,
        basePrice: 6500,
        serviceType: 'washer',
        durationMinutes: 60,
      });
      const { starts } = await freeStarts(ctx, service.id);
      const tokens = await registerCustomers(ctx, CUSTOMERS);
      const before = ((await ctx.db.query(`SELECT count(*)::int AS n FROM bookings`)).rows[0] as { n: number }).n;
      return burst(
        ctx,
        { scenario: 'booking.race', unit: 'bookings/s' },
        tokens.map(
          (t, i) => () => api(ctx, 'POST', '/bookings', t, { items: [{ serviceId: service.id, quantity: 1 }], start: starts[i % SLOTS], address: '1 High St, London NW1 6XE' }),
        ),
        async (answers) => {
          const created = answers.filter((a) => a.status === 201).length;
          const serverErrors = answers.filter((a) => a.status >= 500 || a.status === 0).length;
          const after = ((await ctx.db.query(`SELECT count(*)::int AS n FROM bookings`)).rows[0] as { n: number }).n;
          const overlaps = (
            await ctx.db.query(`
              SELECT count(*)::int AS n
                FROM bookings a JOIN bookings b
                  ON a.technician_id = b.technician_id AND a.id < b.id
                 AND tstzrange(a.starts_at, a.blocked_until) && tstzrange(b.starts_at, b.blocked_until)
               WHERE a.status <> 'cancelled' AND b.status <> 'cancelled'`)
          ).rows[0] as { n: number };
          return [
            check('overlapping non-cancelled bookings of one technician', '0', overlaps.n, overlaps.n === 0),
            check('201 answers = bookings rows created', String(after - before), created, created === after - before),
            check('no 5xx or network errors', '0', serverErrors, serverErrors === 0),
          ];
        },
      );
    },
  },
];
