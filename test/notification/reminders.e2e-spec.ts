import { at, booked, createTechnician, dateAhead, freshService, hoursOn, pay, slotStarts } from '../support/booking-fixtures';
import { TestMailServer, waitFor } from '../support/mail-server';
import { ADMIN, bearer, login, registerCustomer, startTestApp, TestApp } from '../support/test-app';

describe('notifications: the visit reminder job with two processes on one database', () => {
  let app: TestApp;
  let second: TestApp;
  let mail: TestMailServer;
  let admin: string;

  beforeAll(async () => {
    mail = await TestMailServer.start();
    const env = {
      SMTP_URL: mail.url,
      NOTIFICATION_INTERVAL_MS: '300',
      NOTIFICATION_BACKOFF_SECONDS: '1',
      // every visit in the next two weeks is due for its reminder; both processes look every second
      VISIT_REMINDER_LEAD_MINUTES: String(14 * 24 * 60),
      VISIT_REMINDER_INTERVAL_SECONDS: '1',
      LOGIN_THROTTLE_IP_LIMIT: '1000',
    };
    app = await startTestApp(env);
    second = await startTestApp(env, app);
    admin = await login(app, ADMIN);
  });
  afterAll(async () => {
    await second?.stop();
    await app?.stop();
    await mail?.stop();
  });

  const remindersTo = (email: string) => mail.to(email).filter((m) => m.template === 'visit-reminder');
  const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

  it('sends one reminder per visit and time, across processes and restarts; none before the visit is confirmed', async () => {
    const service = await freshService(app, admin, 60, 6500);
    const date = dateAhead(3, 'wed');
    await createTechnician(app, admin, { skills: [service.serviceType], workingHours: hoursOn(date, '09:00', '17:00') });
    const customer = await registerCustomer(app);
    const [start] = await slotStarts(app, service.id, date);
    const booking = await booked(app, customer.token, { serviceId: service.id, start });

    // unpaid (pending): several runs of the job in both processes remind nobody
    await waitFor('the order-placed email', () => mail.to(customer.email).some((m) => m.template === 'order-placed'));
    await pause(3000);
    expect(remindersTo(customer.email)).toHaveLength(0);

    await pay(app, customer.token, booking.orderId);
    await waitFor('the reminder', () => remindersTo(customer.email).length >= 1);
    await pause(4000); // both processes ran the job several times meanwhile
    expect(remindersTo(customer.email)).toHaveLength(1);
    const [reminder] = remindersTo(customer.email);
    expect(reminder.subject).toMatch(/^Reminder: repair visit /);

    // a restart of both processes does not send it again
    await app.restart();
    await second.restart();
    await pause(4000);
    expect(remindersTo(customer.email)).toHaveLength(1);
    const rows = await app.http().get(`/api/v1/admin/notifications?bookingId=${booking.id}`).set(bearer(admin)).expect(200);
    const reminders = rows.body.items.filter((n: { template: string }) => n.template === 'visit-reminder');
    expect(reminders).toEqual([expect.objectContaining({ status: 'sent', dedupeKey: `reminder:${booking.id}:${start}` })]);

    // moved to another time: one reminder for the new time
    const later = at(date, '15:00');
    await app.http().post(`/api/v1/bookings/${booking.id}/reschedule`).set(bearer(customer.token)).send({ start: later }).expect(200);
    await waitFor('the reminder for the new time', () => remindersTo(customer.email).length >= 2);
    await pause(4000);
    expect(remindersTo(customer.email)).toHaveLength(2);
    expect(remindersTo(customer.email)[1].parsed.text).toMatch(/15:00 (GMT|BST)/);
  });
});
