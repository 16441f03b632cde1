import { randomUUID } from 'node:crypto';
import { Injectable, Logger, Optional } from '@nestjs/common';
import { AppConfig } from '../../config/config';
import { MessageBroker } from '../application/message-broker';
import { IntervalJob } from './interval-job';
import { EVENTS_SUBJECT_PREFIX } from './nats-broker';
import { TransactionHost } from './transaction-host';

interface OutboxRow {
  id: string;
  name: string;
  aggregate_id: string;
  payload: object;
  occurred_at: Date;
}

const RELAY = 'nats';
const BATCH = 200;
const LEASE_SECONDS = 30;

/**
 * Relays committed outbox events to the broker (when NATS_URL is set), in the order they were
 * written (outbox.seq), so each aggregate's events leave in order:
 * - one process relays at a time: it holds a lease in outbox_relay that any process takes over
 *   once it runs out, renewed with every event it marks;
 * - no transaction is open while the broker is waited on: each event is marked published in its
 *   own statement right after the broker stored it;
 * - before a batch the stream's last sequence is recorded; if the batch is cut short (broker
 *   outage, crash), the next relay first reads the message ids the stream stored after it and
 *   marks those events published, so nothing is sent twice whatever the outage's length.
 */
@Injectable()
export class OutboxRelay extends IntervalJob {
  private readonly logger = new Logger('OutboxRelay');
  private readonly holder = randomUUID();
  private running = false;

  constructor(
    private readonly tx: TransactionHost,
    private readonly config: AppConfig,
    @Optional() private readonly broker?: MessageBroker,
  ) {
    super();
  }

  protected intervalMs(): number {
    return this.broker ? this.config.outbox.relayIntervalMs : 0;
  }

  async runOnce(): Promise<number> {
    if (!this.broker || this.running) return 0;
    this.running = true;
    try {
      const lease = await this.takeLease();
      if (!lease) return 0;
      if (lease.checkpoint !== null) await this.settleInterruptedBatch(lease.checkpoint);
      return await this.relayBatch(this.broker);
    } catch (error) {
      this.logger.warn(`relay stopped, will resume: ${error instanceof Error ? error.message : String(error)}`);
      return 0;
    } finally {
      this.running = false;
    }
  }

  private query<T>(sql: string, params: unknown[] = []): Promise<T> {
    return this.tx.detached(() => this.tx.manager.query(sql, params) as Promise<T>);
  }

  private async takeLease(): Promise<{ checkpoint: number | null } | null> {
    const rows = await this.query<{ checkpoint_seq: string | null }[]>(
      `INSERT INTO outbox_relay (name, holder, lease_until) VALUES ($1, $2, now() + make_interval(secs => $3))
       ON CONFLICT (name) DO UPDATE SET holder = EXCLUDED.holder, lease_until = EXCLUDED.lease_until
        WHERE outbox_relay.holder = EXCLUDED.holder OR outbox_relay.lease_until < now()
       RETURNING checkpoint_seq`,
      [RELAY, this.holder, LEASE_SECONDS],
    );
    return rows.length ? { checkpoint: rows[0].checkpoint_seq === null ? null : Number(rows[0].checkpoint_seq) } : null;
  }

  /** What the stream stored after the checkpoint was published: marked so, never sent again. */
  private async settleInterruptedBatch(checkpoint: number): Promise<void> {
    const ids = await this.broker!.messageIdsAfter(checkpoint);
    if (ids.length) await this.query(`UPDATE outbox SET published_at = now() WHERE id = ANY($1::uuid[]) AND published_at IS NULL`, [ids]);
    await this.setCheckpoint(null);
  }

  private async relayBatch(broker: MessageBroker): Promise<number> {
    const rows = await this.query<OutboxRow[]>(
      `SELECT id, name, aggregate_id, payload, occurred_at FROM outbox WHERE published_at IS NULL ORDER BY seq LIMIT $1`,
      [BATCH],
    );
    if (!rows.length) return 0;
    await this.setCheckpoint(await broker.lastSequence());
    let sent = 0;
    for (const row of rows) {
      const message = { eventId: row.id, name: row.name, aggregateId: row.aggregate_id, occurredAt: row.occurred_at, payload: row.payload };
      await broker.publish(`${EVENTS_SUBJECT_PREFIX}.${row.name}`, message, row.id);
      if (!(await this.markPublished(row.id))) {
        this.logger.warn('relay lease lost to another process; stopping this batch');
        return sent;
      }
      sent++;
    }
    await this.setCheckpoint(null);
    return sent;
  }

  /** Marks one event published and renews the lease, only while this process holds it. */
  private async markPublished(eventId: string): Promise<boolean> {
    const [rows] = await this.query<[unknown[], number]>(
      `WITH lease AS (
         UPDATE outbox_relay SET lease_until = now() + make_interval(secs => $4) WHERE name = $2 AND holder = $3 RETURNING 1)
       UPDATE outbox SET published_at = now() WHERE id = $1 AND EXISTS (SELECT 1 FROM lease) RETURNING id`,
      [eventId, RELAY, this.holder, LEASE_SECONDS],
    );
    return rows.length > 0;
  }

  private async setCheckpoint(sequence: number | null): Promise<void> {
    await this.query(`UPDATE outbox_relay SET checkpoint_seq = $3 WHERE name = $1 AND holder = $2`, [RELAY, this.holder, sequence]);
  }
}
