import { freePort } from '../../src/database/free-port';
import { TestMailServer, waitFor } from '../support/mail-server';
import { ADMIN, bearer, expectProblem, login, registerCustomer, startTestApp, TestApp } from '../support/test-app';

interface NotificationBody {
  id: string;
  template: string;
  recipient: string;
  status: string;
  attempts: number;
  lastError: string | null;
  nextAttemptAt: string | null;
  resentFrom: string | null;
  sentAt: string | null;
}

describe('notifications: crashes, refusing SMTP servers, admins', () => {
  let app: TestApp;
  let mail: TestMailServer;
  let admin: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    mail = await TestMailServer.start();
    env = {
      SMTP_URL: mail.url,
      NOTIFICATION_INTERVAL_MS: '300',
      NOTIFICATION_BACKOFF_SECONDS: '1',
      NOTIFICATION_CLAIM_SECONDS: '3',
      NOTIFICATION_MAX_ATTEMPTS: '4',
      VISIT_REMINDER_INTERVAL_SECONDS: '0',
      LOGIN_THROTTLE_IP_LIMIT: '1000',
    };
    app = await startTestApp(env);
    admin = await login(app, ADMIN);
  });
  afterAll(async () => {
    await app?.stop();
    await mail?.stop();
  });

  const notificationsTo = async (recipient: string): Promise<NotificationBody[]> =>
    (await app.http().get(`/api/v1/admin/notifications?recipient=${encodeURIComponent(recipient)}`).set(bearer(admin)).expect(200)).body.items;

  /** Waits for the email to arrive and for nothing more to be queued for it, then a little longer for a duplicate to show. */
  async function arrivedOnce(recipient: string): Promise<void> {
    await waitFor(`an email to ${recipient}`, () => mail.to(recipient).length >= 1);
    await waitFor('its notification marked sent', async () => (await notificationsTo(recipient)).every((n) => n.status === 'sent'));
    await new Promise((r) => setTimeout(r, 4000)); // longer than the claim: a resend after it would show
    expect(mail.to(recipient)).toHaveLength(1);
  }

  it('an SMTP server that refuses (4xx, then 5xx) for a while: each try is recorded, then the email arrives once', async () => {
    for (const code of [451, 554]) {
      mail.refusal = { code, message: `${code === 451 ? '4.3.0 Mailbox busy' : '5.7.1 Not now'}, try again later` };
      mail.refuseNext = 3;
      const before = mail.attempts;
      const customer = await registerCustomer(app);
      // while it is refused, admins see it failing with the server's answer and the next try
      await waitFor('a failed try listed', async () => (await notificationsTo(customer.email)).some((n) => n.status === 'failed'));
      const failing = (await app.http().get('/api/v1/admin/notifications?status=failed').set(bearer(admin)).expect(200)).body.items as NotificationBody[];
      const mine = failing.find((n) => n.recipient === customer.email)!;
      expect(mine.lastError).toContain(String(code));
      expect(mine.nextAttemptAt).not.toBeNull();
      await arrivedOnce(customer.email);
      const [sent] = await notificationsTo(customer.email);
      expect(sent).toEqual(expect.objectContaining({ template: 'welcome', status: 'sent', attempts: 4, lastError: null, nextAttemptAt: null }));
      expect(mail.attempts - before).toBe(4);
    }
    // operators see the refusals and the deliveries in /metrics
    const metrics = (await app.http().get('/metrics').expect(200)).text;
    const count = (outcome: string) => Number(metrics.match(new RegExp(`^emails_total\\{template="welcome",outcome="${outcome}"\\} (\\d+)$`, 'm'))?.[1] ?? 0);
    expect(count('failed')).toBeGreaterThanOrEqual(6);
    expect(count('sent')).toBeGreaterThanOrEqual(2);
  });

  it('kill -9 while the SMTP server holds its reply: after a restart the email arrives once', async () => {
    mail.holding = true;
    const customer = await registerCustomer(app); // committed; its email is being sent
    await waitFor('the message in flight', () => mail.held === 1);
    await app.kill('SIGKILL');
    await waitFor('the server to see the client gone', () => mail.heldAbandoned === 1);
    mail.release(); // too late: the sender is dead, so the server never accepted that copy
    expect(mail.to(customer.email)).toHaveLength(0);
    await app.restart();
    await arrivedOnce(customer.email);
    const [sent] = await notificationsTo(customer.email);
    expect(sent).toEqual(expect.objectContaining({ status: 'sent', attempts: 2 }));
  });

  it('kill -9 after the commit, before the email could be sent: after a restart it arrives once', async () => {
    const unreachable = `smtp://127.0.0.1:${await freePort()}`;
    await app.restart({ SMTP_URL: unreachable });
    const customer = await registerCustomer(app);
    await waitFor('a failed try', async () => (await notificationsTo(customer.email)).some((n) => n.status === 'failed'));
    await app.kill('SIGKILL');
    expect(mail.to(customer.email)).toHaveLength(0);
    await app.restart({ SMTP_URL: mail.url });
    await arrivedOnce(customer.email);
  });

  it('gives up after NOTIFICATION_MAX_ATTEMPTS (dead); an admin resends it, and a resend of an email still in flight is refused', async () => {
    mail.refusal = { code: 550, message: '5.1.1 Mailbox unavailable' };
    mail.refuseNext = 1000;
    const customer = await registerCustomer(app);
    await waitFor('the email given up', async () => (await notificationsTo(customer.email)).some((n) => n.status === 'dead'), 90_000);
    mail.refuseNext = 0;
    const [dead] = await notificationsTo(customer.email);
    expect(dead).toEqual(expect.objectContaining({ status: 'dead', attempts: 4, nextAttemptAt: null, lastError: expect.stringContaining('550') }));
    const listedDead = (await app.http().get('/api/v1/admin/notifications?status=dead').set(bearer(admin)).expect(200)).body.items as NotificationBody[];
    expect(listedDead.map((n) => n.id)).toContain(dead.id);

    const resent = await app.http().post(`/api/v1/admin/notifications/${dead.id}/resend`).set(bearer(admin)).expect(202);
    expect(resent.body).toEqual(expect.objectContaining({ template: 'welcome', recipient: customer.email, resentFrom: dead.id }));
    await waitFor('the resent email', () => mail.to(customer.email).length === 1);
    await waitFor('the copy marked sent', async () => (await notificationsTo(customer.email)).some((n) => n.id === resent.body.id && n.status === 'sent'));

    // a sent email can be resent too: a second copy
    await app.http().post(`/api/v1/admin/notifications/${resent.body.id}/resend`).set(bearer(admin)).expect(202);
    await waitFor('the second copy', () => mail.to(customer.email).length === 2);

    // one still being sent cannot
    mail.holding = true;
    const other = await registerCustomer(app);
    await waitFor('the message in flight', () => mail.held === 1);
    const [inFlight] = await notificationsTo(other.email);
    expectProblem(await app.http().post(`/api/v1/admin/notifications/${inFlight.id}/resend`).set(bearer(admin)), 409);
    mail.release();
    await arrivedOnce(other.email);
  });

  it('admin only; unknown ids 404; bad filters 400', async () => {
    const customer = await registerCustomer(app);
    expectProblem(await app.http().get('/api/v1/admin/notifications').set(bearer(customer.token)), 403);
    expectProblem(await app.http().get('/api/v1/admin/notifications'), 401);
    expectProblem(await app.http().post('/api/v1/admin/notifications/00000000-0000-4000-8000-000000000000/resend').set(bearer(admin)), 404);
    expectProblem(await app.http().post('/api/v1/admin/notifications/not-a-uuid/resend').set(bearer(admin)), 400);
    expectProblem(await app.http().get('/api/v1/admin/notifications?status=lost').set(bearer(admin)), 400);
    expectProblem(await app.http().get('/api/v1/admin/notifications?orderId=nope').set(bearer(admin)), 400);
    expectProblem(await app.http().get('/api/v1/admin/notifications?limit=500').set(bearer(admin)), 400);
    const page = await app.http().get('/api/v1/admin/notifications?limit=2&page=1').set(bearer(admin)).expect(200);
    expect(page.body).toEqual(expect.objectContaining({ page: 1, limit: 2, total: expect.any(Number) }));
    expect(page.body.items.length).toBeLessThanOrEqual(2);
  });
});
