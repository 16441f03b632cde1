import { AsyncLocalStorage } from 'node:async_hooks';
import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { UnitOfWork } from '../application/unit-of-work';
import { TRANSACTION_ATTEMPTS, withTransactionRetries } from './database-errors';

const current = new AsyncLocalStorage<EntityManager>();

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
  run<T>(work: () => Promise<T>): Promise<T> {
    if (current.getStore()) return work();
    return withTransactionRetries(
      () => this.dataSource.transaction((manager) => current.run(manager, work)),
      (error, attempt) => this.logger.warn(`transaction aborted by PostgreSQL (${(error as Error).message}); attempt ${attempt} of ${TRANSACTION_ATTEMPTS}`),
    );
  }
}
