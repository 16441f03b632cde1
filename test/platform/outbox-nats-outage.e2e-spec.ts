import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, JetStreamManager, NatsConnection } from 'nats';
import { freePort } from '../../src/database/free-port';
import { createCategory, createProduct } from '../support/catalog';
import { ADDRESS, countRows, createIntent, eventually, SHIPPING_METHOD } from '../support/orders';
import { ADMIN, bearer, login, registerCustomer, startTestApp, TestApp } from '../support/test-app';

const DUPLICATE_WINDOW_MS = 2000;

/** A private NATS JetStream server that the test may kill and restart on the same store. */
class PrivateNats {
  private child?: ChildProcess;
  readonly storeDir = mkdtempSync(join(tmpdir(), 'rc-e2e-nats-'));
  constructor(readonly port: number) {}

  get url(): string {
    return `nats://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    this.child = spawn('/usr/sbin/nats-server', ['-js', '-sd', this.storeDir, '-a', '127.0.0.1', '-p', String(this.port)], { stdio: 'ignore' });
    await eventually(async () => {
      const nc = await connect({ servers: this.url, reconnect: false }).catch(() => undefined);
      await nc?.close();
      return nc ? true : undefined;
    }, 30_000);
  }

  async kill(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await exited;
  }

  async stop(): Promise<void> {
    await this.kill();
    rmSync(this.storeDir, { recursive: true, force: true });
  }
}

/** Every message in the stream, in stream order: its message id and body. */
async function streamMessages(jsm: JetStreamManager): Promise<{ id: string; aggregateId: string }[]> {
  const { state } = await jsm.streams.info('EVENTS');
  const messages = [];
  for (let seq = state.first_seq; seq <= state.last_seq; seq++) {
    const m = await jsm.streams.getMessage('EVENTS', { seq }).catch(() => undefined);
    if (m) messages.push({ id: m.header.get('Nats-Msg-Id'), aggregateId: (m.json() as { aggregateId: string }).aggregateId });
  }
  return messages;
}

describe('outbox relay: exactly once across a broker outage, in order across processes', () => {
  let nats: PrivateNats;
  let app: TestApp;
  let nc: NatsConnection;
  let jsm: JetStreamManager;
  let admin: string;
  let productId: string;

  beforeAll(async () => {
    nats = new PrivateNats(await freePort());
    await nats.start();
    nc = await connect({ servers: nats.url, maxReconnectAttempts: -1 });
    jsm = await nc.jetstreamManager();
    // a short duplicate window, so that the outage below really outlasts it
    await jsm.streams.add({ name: 'EVENTS', subjects: ['events.>'], duplicate_window: DUPLICATE_WINDOW_MS * 1_000_000 });
    app = await startTestApp({ NATS_URL: nats.url, OUTBOX_RELAY_INTERVAL_MS: '100', LOGIN_THROTTLE_IP_LIMIT: '1000' });
    admin = await login(app, ADMIN);
    const category = await createCategory(app, admin, 'relay-parts');
    productId = (await createProduct(app, admin, { name: 'Relay Pump', price: 800, category, initialStock: 10_000 })).id;
  }, 180_000);
  afterAll(async () => {
    await nc?.close();
    await app?.stop();
    await nats?.stop();
  });

  const unpublished = () => countRows(app, 'outbox WHERE published_at IS NULL');
  const allPublished = () => eventually(async () => ((await unpublished()) === 0 ? true : undefined), 120_000, 250);

  /** Customers who each check out an order and pay it, through `http` (one app process or another). */
  async function shop(customers: number, http: () => ReturnType<TestApp['http']>) {
    await Promise.all(
      Array.from({ length: customers }, async () => {
        const customer = await registerCustomer(app);
        const auth = bearer(customer.token);
        await http().post('/api/v1/cart/items').set(auth).send({ productId, quantity: 1 }).expect(201);
        const order = await http().post('/api/v1/orders').set(auth).send({ shippingAddress: ADDRESS, shippingMethod: SHIPPING_METHOD }).expect(201);
        const intent = await createIntent(app, auth, order.body.id).expect(200);
        await http().post('/api/v1/payments/confirm').set(auth).send({ paymentId: intent.body.id, paymentMethod: 'pm_card_visa' }).expect(200);
      }),
    );
  }

  it('publishes every outbox event exactly once when the broker dies mid-batch and returns after its duplicate window', async () => {
    const shopping = shop(30, app.http);
    // kill the broker while the relay is working through the burst: some events out, some not
    await eventually(async () => ((await jsm.streams.info('EVENTS')).state.messages > 20 ? true : undefined), 120_000, 20);
    await nats.kill();
    await shopping; // the burst goes on while the broker is away: the outbox keeps it
    const backlogDuringOutage = await unpublished();
    await new Promise((r) => setTimeout(r, DUPLICATE_WINDOW_MS * 2)); // the window passes: the stream could no longer dedupe
    await nats.start();
    await allPublished();

    const messages = await streamMessages(jsm);
    const ids = messages.map((m) => m.id);
    const duplicates = ids.length - new Set(ids).size;
    const { rows } = await app.db.query(`SELECT id FROM outbox ORDER BY seq`);
    console.log(`broker outage: ${rows.length} outbox events, ${backlogDuringOutage} waiting during the outage, ${ids.length} messages, ${duplicates} duplicates`);
    expect(duplicates).toBe(0);
    expect([...ids].sort()).toEqual(rows.map((r) => r.id as string).sort());
  }, 300_000);

  it('keeps each order\'s events in the order they were written with two app processes relaying', async () => {
    const peer = await app.peer();
    const before = (await jsm.streams.info('EVENTS')).state.last_seq;
    await Promise.all([shop(15, app.http), shop(15, peer.http)]);
    await allPublished();

    const messages = (await streamMessages(jsm)).slice(-((await jsm.streams.info('EVENTS')).state.last_seq - before));
    const { rows } = await app.db.query(
      `SELECT o.id, o.aggregate_id FROM outbox o JOIN orders ord ON ord.id = o.aggregate_id ORDER BY o.seq`,
    );
    const written = new Map<string, string[]>();
    for (const r of rows) written.set(r.aggregate_id, [...(written.get(r.aggregate_id) ?? []), r.id]);
    const arrived = new Map<string, string[]>();
    for (const m of messages) if (written.has(m.aggregateId)) arrived.set(m.aggregateId, [...(arrived.get(m.aggregateId) ?? []), m.id]);
    const outOfOrder = [...arrived].filter(([orderId, ids]) => ids.join() !== written.get(orderId)!.filter((id) => ids.includes(id)).join());
    console.log(`two processes: ${arrived.size} orders, ${messages.length} messages, ${outOfOrder.length} orders with events out of order`);
    expect(arrived.size).toBeGreaterThanOrEqual(30);
    expect(outOfOrder).toEqual([]);
    const ids = messages.map((m) => m.id);
    expect(ids.length - new Set(ids).size).toBe(0);
  }, 300_000);
});
