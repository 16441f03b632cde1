import { Injectable, Logger } from '@nestjs/common';
import { Gauge } from 'prom-client';
import { DataSource } from 'typeorm';
import { Metrics } from './metrics';

interface PgPool {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
  options?: { max?: number };
}

interface Backlog {
  outbox_backlog: number;
  outbox_oldest_age_seconds: number;
  idempotency_in_progress: number;
}

/**
 * Gauges read when Prometheus scrapes: this process's connection pool, and the shared tables
 * every process works from (outbox backlog and age, idempotency keys still running), read by SQL
 * here so that the outbox and idempotency code stay free of metrics.
 */
@Injectable()
export class DatabaseMetrics {
  private readonly logger = new Logger('Metrics');
  private pending?: Promise<Backlog | null>;

  constructor(
    private readonly dataSource: DataSource,
    metrics: Metrics,
  ) {
    const registers = [metrics.registry];
    const pool$ = this.pool.bind(this);
    const pool = (read: (p: PgPool) => number) =>
      function (this: Gauge) {
        const p = pool$();
        if (p) this.set(read(p));
      };
    new Gauge({ name: 'db_pool_connections_in_use', help: 'Pool connections checked out by a query or transaction', registers, collect: pool((p) => p.totalCount - p.idleCount) });
    new Gauge({ name: 'db_pool_connections_idle', help: 'Open pool connections not in use', registers, collect: pool((p) => p.idleCount) });
    new Gauge({ name: 'db_pool_requests_waiting', help: 'Queries waiting for a free pool connection', registers, collect: pool((p) => p.waitingCount) });
    new Gauge({ name: 'db_pool_connections_max', help: 'Pool size (DATABASE_POOL_SIZE)', registers, collect: pool((p) => p.options?.max ?? 0) });
    const fromBacklog = (read: (b: Backlog) => number) => {
      const read$ = this.backlog.bind(this);
      return async function (this: Gauge) {
        const b = await read$();
        if (b) this.set(read(b));
      };
    };
    new Gauge({ name: 'outbox_unpublished_events', help: 'Outbox events not yet relayed to the broker (all processes)', registers, collect: fromBacklog((b) => b.outbox_backlog) });
    new Gauge({
      name: 'outbox_oldest_unpublished_age_seconds',
      help: 'Age of the oldest outbox event not yet relayed (0 when none)',
      registers,
      collect: fromBacklog((b) => b.outbox_oldest_age_seconds),
    });
    new Gauge({
      name: 'idempotency_keys_in_progress',
      help: 'Idempotency keys whose first request is still running (all processes)',
      registers,
      collect: fromBacklog((b) => b.idempotency_in_progress),
    });
  }

  /** TypeORM's node-postgres pool of this process. */
  private pool(): PgPool | null {
    if (!this.dataSource.isInitialized) return null;
    return (this.dataSource.driver as unknown as { master?: PgPool }).master ?? null;
  }

  /** One query per scrape, shared by the gauges that read it; null when the database cannot answer. */
  private backlog(): Promise<Backlog | null> {
    this.pending ??= this.query().finally(() => (this.pending = undefined));
    return this.pending;
  }

  private async query(): Promise<Backlog | null> {
    if (!this.dataSource.isInitialized) return null;
    try {
      const [row] = (await this.dataSource.query(`
        SELECT (SELECT count(*) FROM outbox WHERE published_at IS NULL)::int AS outbox_backlog,
               coalesce(extract(epoch FROM now() - (SELECT min(occurred_at) FROM outbox WHERE published_at IS NULL)), 0)::float8 AS outbox_oldest_age_seconds,
               (SELECT count(*) FROM idempotency_keys WHERE status = 'in_progress')::int AS idempotency_in_progress`)) as Backlog[];
      return row;
    } catch (error) {
      this.logger.warn(`metrics could not read the database: ${error instanceof Error ? error.message : String(error)}`);
      return null;
    }
  }
}
