import { at, booked, BookingBody, bookingRow, createTechnician, dateAhead, freshService, orderStatus, pay, weekdayOf, WEEKDAY_KEYS } from '../support/booking-fixtures';
import { ADMIN, bearer, expectProblem, login, registerCustomer, startTestApp, TestApp } from '../support/test-app';

/** The longest cutoff the configuration allows: 14 days, so that a visit a few days ahead is past it. */
const CUTOFF_HOURS = 24 * 14;

describe('booking: the cancellation cutoff', () => {
  let app: TestApp;
  let admin: string;
  let serviceId: string;
  let customer: { id: string; token: string };
  const soon = dateAhead(3, 'tue');
  const later = dateAhead(21, 'tue');

  beforeAll(async () => {
    app = await startTestApp({ LOGIN_THROTTLE_IP_LIMIT: '1000', BOOKING_CANCEL_CUTOFF_HOURS: String(CUTOFF_HOURS) });
    admin = await login(app, ADMIN);
    const service = await freshService(app, admin, 60, 6000);
    serviceId = service.id;
    await createTechnician(app, admin, { skills: [service.serviceType], workingHours: Object.fromEntries(WEEKDAY_KEYS.map((d) => [d, [{ start: '09:00', end: '17:00' }]])) });
    customer = await registerCustomer(app);
  });
  afterAll(() => app?.stop());

  const cancel = (id: string, token: string) => app.http().post(`/api/v1/bookings/${id}/cancel`).set(bearer(token)).send({});
  const reschedule = (id: string, token: string, start: string) => app.http().post(`/api/v1/bookings/${id}/reschedule`).set(bearer(token)).send({ start });

  async function paidVisit(date: string, time: string): Promise<BookingBody & { paymentId: string }> {
    const booking = await booked(app, customer.token, { serviceId, start: at(date, time) });
    return { ...booking, paymentId: await pay(app, customer.token, booking.orderId) };
  }

  it('refuses the customer cancelling or moving a visit within the cutoff with 409 booking.cutoff_passed; nothing changes', async () => {
    expect(weekdayOf(soon)).toBe('tue');
    const visit = await paidVisit(soon, '09:00');
    const res = await cancel(visit.id, customer.token);
    expectProblem(res, 409);
    expect(res.body).toEqual(expect.objectContaining({ code: 'booking.cutoff_passed', cutoffHours: CUTOFF_HOURS }));
    const moved = await reschedule(visit.id, customer.token, at(soon, '11:00'));
    expectProblem(moved, 409);
    expect(moved.body.code).toBe('booking.cutoff_passed');

    const row = await bookingRow(app, visit.id);
    expect([row.status, row.starts_at.toISOString()]).toEqual(['confirmed', at(soon, '09:00')]);
    expect(await orderStatus(app, visit.orderId)).toBe('paid');
    expect((await app.http().get(`/api/v1/payments/${visit.paymentId}`).set(bearer(customer.token)).expect(200)).body.status).toBe('succeeded');
  });

  it('does not let the customer get round the cutoff by cancelling the visit\'s order instead', async () => {
    const visit = await paidVisit(soon, '13:00');
    const res = await app.http().post(`/api/v1/orders/${visit.orderId}/cancel`).set(bearer(customer.token)).send({});
    expectProblem(res, 409);
    expect(res.body.code).toBe('booking.cutoff_passed');
    expect((await bookingRow(app, visit.id)).status).toBe('confirmed');
    expect(await orderStatus(app, visit.orderId)).toBe('paid');
    expect((await app.http().get(`/api/v1/payments/${visit.paymentId}`).set(bearer(customer.token)).expect(200)).body.status).toBe('succeeded');
  });

  it('lets an admin still move and cancel it: booking and order cancelled, payment refunded', async () => {
    const visit = await paidVisit(soon, '15:00');
    await reschedule(visit.id, admin, at(soon, '15:30')).expect(200);
    const res = await cancel(visit.id, admin).expect(200);
    expect(res.body.status).toBe('cancelled');
    expect(await orderStatus(app, visit.orderId)).toBe('cancelled');
    const payment = await app.http().get(`/api/v1/payments/${visit.paymentId}`).set(bearer(customer.token)).expect(200);
    expect(payment.body).toEqual(expect.objectContaining({ status: 'refunded', amountRefunded: 6000 }));
    const history = await app.http().get(`/api/v1/orders/${visit.orderId}/history`).set(bearer(admin)).expect(200);
    expect(history.body.at(-1)).toEqual(expect.objectContaining({ from: 'paid', to: 'cancelled', actorRole: 'admin' }));
  });

  it('lets the customer cancel a visit further ahead than the cutoff, and its order directly too', async () => {
    const visit = await paidVisit(later, '09:00');
    await cancel(visit.id, customer.token).expect(200);
    expect((await bookingRow(app, visit.id)).status).toBe('cancelled');
    expect(await orderStatus(app, visit.orderId)).toBe('cancelled');

    const other = await paidVisit(later, '11:00');
    await app.http().post(`/api/v1/orders/${other.orderId}/cancel`).set(bearer(customer.token)).send({}).expect(200);
    expect((await bookingRow(app, other.id)).status).toBe('cancelled');
    expect((await app.http().get(`/api/v1/payments/${other.paymentId}`).set(bearer(customer.token)).expect(200)).body.status).toBe('refunded');
  });
});
