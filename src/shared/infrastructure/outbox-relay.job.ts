import { Injectable, Logger, Optional } from '@nestjs/common';
import { IntervalJob } from './interval-job';
import { AppConfig } from '../../config/config';
import { MessageBroker } from '../application/message-broker';
import { EVENTS_SUBJECT_PREFIX } from './nats-broker';
import { TransactionHost } from './transaction-host';

interface OutboxRow {
  id: string;
  name: string;
  aggregate_id: string;
  payload: object;
  occurred_at: Date;
}

/**
 * Relays committed outbox events to the broker (when NATS_URL is set). Rows are claimed
 * FOR UPDATE SKIP LOCKED, so several app processes share the work; an event published but not
 * yet marked is sent again later (at-least-once), and the broker dedupes by event id.
 */
@Injectable()
export class OutboxRelay extends IntervalJob {
  private readonly logger = new Logger('OutboxRelay');
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
      return await this.tx.run(async () => {
        const rows = (await this.tx.manager.query(
          `SELECT id, name, aggregate_id, payload, occurred_at FROM outbox
            WHERE published_at IS NULL ORDER BY occurred_at, id LIMIT 200 FOR UPDATE SKIP LOCKED`,
        )) as OutboxRow[];
        for (const row of rows) {
          await this.broker!.publish(
            `${EVENTS_SUBJECT_PREFIX}.${row.name}`,
            { eventId: row.id, name: row.name, aggregateId: row.aggregate_id, occurredAt: row.occurred_at, payload: row.payload },
            row.id,
          );
        }
        if (rows.length) {
          await this.tx.manager.query(`UPDATE outbox SET published_at = now() WHERE id = ANY($1::uuid[])`, [rows.map((r) => r.id)]);
        }
        return rows.length;
      });
    } catch (error) {
      this.logger.warn(`relay failed, will retry: ${error instanceof Error ? error.message : String(error)}`);
      return 0;
    } finally {
      this.running = false;
    }
  }
}
