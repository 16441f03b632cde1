import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '../../config/config';
import { SideEffectRunner, SideEffects } from '../application/side-effects';
import { backoffSeconds } from '../domain/backoff';
import { IntervalJob } from './interval-job';
import { TransactionHost } from './transaction-host';

interface DueDelivery {
  event_id: string;
  consumer: string;
  attempts: number;
  name: string;
  aggregate_id: string;
  occurred_at: Date;
  payload: object;
}

const BATCH = 50;
/** A claimed delivery is not picked by another process for this long (longer than any handler). */
const CLAIM_SECONDS = 120;

/**
 * Runs side effects after commit: claims due deliveries (SKIP LOCKED, then a claim lease, so
 * processes share them and none runs one twice at once), runs each handler outside any
 * transaction, and marks it done, or failed with backoff, or dead after its last attempt.
 */
@Injectable()
export class SideEffectDispatcher extends IntervalJob implements SideEffectRunner {
  private readonly logger = new Logger('SideEffects');

  constructor(
    private readonly tx: TransactionHost,
    private readonly sideEffects: SideEffects,
    private readonly config: AppConfig,
  ) {
    super();
  }

  protected intervalMs(): number {
    return this.config.outbox.sideEffectIntervalMs;
  }

  runOnce(): Promise<number> {
    return this.deliver();
  }

  async deliver(eventIds?: string[]): Promise<number> {
    let due: DueDelivery[];
    try {
      due = await this.claim(eventIds);
    } catch (error) {
      this.logger.warn({ err: error }, 'claiming side effects failed; the next run tries again');
      return 0;
    }
    for (const delivery of due) await this.run(delivery);
    return due.length;
  }

  private async claim(eventIds?: string[]): Promise<DueDelivery[]> {
    const [rows] = (await this.tx.detached(() =>
      this.tx.manager.query(
        `UPDATE outbox_deliveries d SET next_attempt_at = now() + make_interval(secs => $2), updated_at = now()
           FROM outbox o
          WHERE o.id = d.event_id
            AND (d.event_id, d.consumer) IN (
              SELECT event_id, consumer FROM outbox_deliveries
               WHERE status = 'pending' AND next_attempt_at <= now()
                 -- right after commit the committing request runs its own (immediate) deliveries;
                 -- the job picks up what it left (a crash) a little later, so the two do not race,
                 -- and the deferred ones (left to the job) at once
                 AND CASE WHEN $3::uuid[] IS NULL THEN consumer = ANY($4::text[]) OR next_attempt_at <= now() - interval '5 seconds'
                          ELSE event_id = ANY($3::uuid[]) AND consumer <> ALL($4::text[]) END
               ORDER BY next_attempt_at LIMIT $1 FOR UPDATE SKIP LOCKED)
        RETURNING d.event_id, d.consumer, d.attempts, o.name, o.aggregate_id, o.occurred_at, o.payload`,
        [BATCH, CLAIM_SECONDS, eventIds ?? null, this.sideEffects.deferredConsumers()],
      ),
    )) as [DueDelivery[], number];
    return rows.sort((a, b) => a.occurred_at.getTime() - b.occurred_at.getTime());
  }

  private async run(d: DueDelivery): Promise<void> {
    const registration = this.sideEffects.find(d.name, d.consumer);
    const attempts = d.attempts + 1;
    try {
      if (!registration) throw new Error(`no side effect ${d.consumer} for ${d.name} in this version`);
      await registration.handler({ eventId: d.event_id, name: d.name, aggregateId: d.aggregate_id, occurredAt: d.occurred_at, payload: d.payload });
      await this.mark(d, `status = 'done', attempts = $3, last_error = NULL`, [attempts]);
    } catch (error) {
      const message = (error instanceof Error ? error.message : String(error)).slice(0, 1000);
      const dead = !registration || attempts >= (registration.maxAttempts ?? this.config.outbox.sideEffectMaxAttempts);
      this.logger.warn(`${d.consumer} on ${d.name} ${d.event_id} failed (attempt ${attempts}${dead ? ', giving up' : ''}): ${message}`);
      await this.mark(d, `status = $4, attempts = $3, last_error = $5, next_attempt_at = now() + make_interval(secs => $6)`, [
        attempts,
        dead ? 'dead' : 'pending',
        message,
        backoffSeconds(attempts),
      ]).catch((markError: unknown) => this.logger.warn({ err: markError }, 'recording a failed side effect failed; its claim runs out and it is retried'));
    }
  }

  private mark(d: DueDelivery, set: string, params: unknown[]): Promise<unknown> {
    return this.tx.detached(() =>
      this.tx.manager.query(`UPDATE outbox_deliveries SET ${set}, updated_at = now() WHERE event_id = $1 AND consumer = $2`, [d.event_id, d.consumer, ...params]),
    );
  }
}
