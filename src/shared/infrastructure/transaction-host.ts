import { AsyncLocalStorage } from 'node:async_hooks';
import { Injectable, Logger } from '@nestjs/common';
import type { Pool, QueryConfig } from 'pg';
import { DataSource, EntityManager } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import { requestAnswer } from '../application/request-answer';
import { UnitOfWork, UnitOfWorkOptions } from '../application/unit-of-work';
import { TRANSACTION_ATTEMPTS, withTransactionRetries } from './database-errors';

const current = new AsyncLocalStorage<EntityManager>();
const effects = new AsyncLocalStorage<(() => Promise<unknown>)[]>();

/**
 * The TypeORM side of UnitOfWork: the transaction's EntityManager travels in an
 * AsyncLocalStorage, so repositories and event handlers find it without passing it around.
 */
@Injectable()
export class TransactionHost extends UnitOfWork {
  private readonly logger = new Logger('UnitOfWork');

  constructor(private readonly dataSource: DataSource) {
    super();
  }

  /** The manager of the surrounding transaction, or the pool's when there is none. */
  get manager(): EntityManager {
    return current.getStore() ?? this.dataSource.manager;
  }

  /**
   * A read sent as node-postgres' query config (a named prepared statement when it has a name),
   * on the surrounding transaction's connection, or else straight to the pool.
   */
  async read(query: { text: string; values: unknown[]; name?: string }): Promise<unknown[]> {
    const store = current.getStore();
    if (store || !query.name) return (store ?? this.dataSource.manager).query(query.text, query.values) as Promise<unknown[]>;
    const pool = (this.dataSource.driver as PostgresDriver).master as Pool;
    return (await pool.query(query as QueryConfig)).rows as unknown[];
  }

  /**
   * A named prepared statement through TypeORM, in the surrounding transaction or on its own:
   * for writes, and for reads whose refusals (a malformed id) must keep mapping to their 4xx
   * (ProblemFilter reads TypeORM's driverError). Planned once per pooled connection. `name` must
   * always stand for the same text: node-postgres refuses one name with two texts on a connection.
   */
  prepared(query: { name: string; text: string; values: unknown[] }): Promise<unknown[]> {
    // TypeORM hands the query to node-postgres untouched: its signature says string, node-postgres
    // also takes a query config, which is what names the statement.
    return this.manager.query(query as unknown as string, query.values) as Promise<unknown[]>;
  }

  get inTransaction(): boolean {
    return current.getStore() !== undefined;
  }

  /**
   * Runs `work` in a transaction; effects queued with afterCommit run once it committed. A
   * deadlock or serialization failure rolled everything back, so the work runs again from the
   * start (it reloads what it reads), a bounded number of times; the last failure propagates and
   * becomes a 503.
   */
  async run<T>(work: () => Promise<T>, options: UnitOfWorkOptions = {}): Promise<T> {
    if (current.getStore()) return work();
    const answer = options.answersRequest === false ? undefined : requestAnswer.current();
    let afterCommit: (() => Promise<unknown>)[] = [];
    const result = await withTransactionRetries(
      () => {
        const queue: (() => Promise<unknown>)[] = [];
        afterCommit = queue;
        return this.dataSource.transaction((manager) =>
          current.run(manager, () =>
            effects.run(queue, async () => {
              const value = await work();
              await answer?.beforeCommit(value);
              return value;
            }),
          ),
        );
      },
      (error, attempt) => this.logger.warn(`transaction aborted by PostgreSQL (${(error as Error).message}); attempt ${attempt} of ${TRANSACTION_ATTEMPTS}`),
    );
    for (const effect of afterCommit) await this.runEffect(effect);
    return result;
  }

  afterCommit(effect: () => Promise<unknown>): void {
    const queue = current.getStore() ? effects.getStore() : undefined;
    if (queue) queue.push(effect);
    else void this.runEffect(effect);
  }

  assertOutsideTransaction(what: string): void {
    if (current.getStore()) throw new Error(`${what} must not run inside a database transaction`);
  }

  private async runEffect(effect: () => Promise<unknown>): Promise<void> {
    try {
      await requestAnswer.exit(() => effects.exit(() => current.exit(effect)));
    } catch (error) {
      this.logger.warn({ err: error }, 'an effect after commit failed; its job retries it');
    }
  }

  /** Runs outside any surrounding transaction (and answers no request): for autonomous writes. */
  detached<T>(work: () => Promise<T>): Promise<T> {
    return current.exit(() => this.run(work, { answersRequest: false }));
  }
}
