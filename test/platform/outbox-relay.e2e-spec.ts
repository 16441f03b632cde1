import { connect, JSONCodec, NatsConnection } from 'nats';
import { registerCustomer, startTestApp, TestApp } from '../support/test-app';

const NATS_URL = process.env.TEST_NATS_URL ?? 'nats://127.0.0.1:4222';

async function waitFor<T>(probe: () => Promise<T | undefined>, ms = 15_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('outbox relay to NATS JetStream', () => {
  let app: TestApp;
  let nc: NatsConnection;
  beforeAll(async () => {
    app = await startTestApp({ NATS_URL, OUTBOX_RELAY_INTERVAL_MS: '100' });
    nc = await connect({ servers: NATS_URL });
  });
  afterAll(async () => {
    await nc?.close();
    await app?.stop();
  });

  it('publishes committed events once, with the event id as message id, and marks them published', async () => {
    const customer = await registerCustomer(app);
    const { rows } = await app.db.query(`SELECT id FROM outbox WHERE aggregate_id = $1 AND name = 'UserRegistered'`, [customer.id]);
    expect(rows).toHaveLength(1);
    const eventId = rows[0].id as string;
    await waitFor(async () => {
      const r = await app.db.query(`SELECT published_at FROM outbox WHERE id = $1`, [eventId]);
      return r.rows[0].published_at ?? undefined;
    });
    const jsm = await nc.jetstreamManager();
    const message = await waitFor(async () => {
      const m = await jsm.streams.getMessage('EVENTS', { last_by_subj: 'events.UserRegistered' }).catch(() => undefined);
      return m && (JSONCodec().decode(m.data) as { eventId: string }).eventId === eventId ? m : undefined;
    });
    const body = JSONCodec().decode(message.data) as { eventId: string; name: string; aggregateId: string; payload: { userId: string; email: string } };
    expect(body).toEqual(expect.objectContaining({ eventId, name: 'UserRegistered', aggregateId: customer.id }));
    expect(body.payload).toEqual(expect.objectContaining({ userId: customer.id, email: customer.email }));
    expect(message.header.get('Nats-Msg-Id')).toBe(eventId);
    const { rows: unpublished } = await app.db.query(`SELECT count(*)::int AS n FROM outbox WHERE published_at IS NULL AND occurred_at < now() - interval '2 seconds'`);
    expect(unpublished[0].n).toBe(0);
  });
});
