import { Injectable } from '@nestjs/common';
import { SideEffectLog, SideEffectState, SideEffectView } from '../application/side-effects';
import { offsetOf, Page, pageOf } from '../domain/page';
import { TransactionHost } from './transaction-host';

const WHERE: Record<SideEffectState, string> = {
  failed: `d.status = 'pending' AND d.attempts > 0`,
  dead: `d.status = 'dead'`,
  pending: `d.status = 'pending'`,
  done: `d.status = 'done'`,
};

interface Row {
  event_id: string;
  name: string;
  aggregate_id: string;
  consumer: string;
  status: string;
  attempts: number;
  last_error: string | null;
  next_attempt_at: Date;
  occurred_at: Date;
  updated_at: Date;
  total: number;
}

@Injectable()
export class PgSideEffectLog extends SideEffectLog {
  constructor(private readonly tx: TransactionHost) {
    super();
  }

  async list(query: { state: SideEffectState; page: number; limit: number }): Promise<Page<SideEffectView>> {
    const rows = (await this.tx.manager.query(
      `SELECT d.event_id, o.name, o.aggregate_id, d.consumer, d.status, d.attempts, d.last_error, d.next_attempt_at, o.occurred_at, d.updated_at,
              count(*) OVER ()::int AS total
         FROM outbox_deliveries d JOIN outbox o ON o.id = d.event_id
        WHERE ${WHERE[query.state]}
        ORDER BY d.updated_at DESC, d.event_id, d.consumer LIMIT $1 OFFSET $2`,
      [query.limit, offsetOf(query)],
    )) as Row[];
    const items = rows.map(
      (r): SideEffectView => ({
        eventId: r.event_id,
        eventName: r.name,
        aggregateId: r.aggregate_id,
        consumer: r.consumer,
        state: r.status === 'pending' ? (r.attempts > 0 ? 'failed' : 'pending') : (r.status as SideEffectState),
        attempts: r.attempts,
        lastError: r.last_error,
        nextAttemptAt: r.status === 'pending' ? r.next_attempt_at.toISOString() : null,
        occurredAt: r.occurred_at.toISOString(),
        updatedAt: r.updated_at.toISOString(),
      }),
    );
    return pageOf(items, rows[0]?.total ?? 0, query);
  }
}
