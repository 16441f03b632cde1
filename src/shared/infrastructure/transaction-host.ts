import { AsyncLocalStorage } from 'node:async_hooks';
import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { UnitOfWork } from '../application/unit-of-work';
import { isRetryableTransactionError } from './database-errors';

const current = new AsyncLocalStorage<EntityManager>();

/** Attempts of one unit of work when PostgreSQL aborts it as a serialization failure or deadlock. */
export const TRANSACTION_ATTEMPTS = 3;

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

  get inTransaction(): boolean {
    return current.getStore() !== undefined;
  }

  /**
   * Runs `work` in a transaction. A deadlock or serialization failure rolled everything back, so
   * the work runs again from the start (it reloads what it reads), a bounded number of times;
   * the last failure propagates and becomes a 503.
   */
  async run<T>(work: () => Promise<T>): Promise<T> {
    if (current.getStore()) return work();
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await this.dataSource.transaction((manager) => current.run(manager, work));
      } catch (error) {
        if (attempt >= TRANSACTION_ATTEMPTS || !isRetryableTransactionError(error)) throw error;
        this.logger.warn(`transaction aborted by PostgreSQL (${(error as Error).message}); attempt ${attempt + 1} of ${TRANSACTION_ATTEMPTS}`);
        // A short random pause lets the colliding transaction finish first.
        await new Promise((r) => setTimeout(r, Math.floor(Math.random() * 20 * attempt)));
      }
    }
  }
}
