import { AsyncLocalStorage } from 'node:async_hooks';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { UnitOfWork } from '../application/unit-of-work';

const current = new AsyncLocalStorage<EntityManager>();

/**
 * The TypeORM side of UnitOfWork: the transaction's EntityManager travels in an
 * AsyncLocalStorage, so repositories and event handlers find it without passing it around.
 */
@Injectable()
export class TransactionHost extends UnitOfWork {
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

  run<T>(work: () => Promise<T>): Promise<T> {
    if (current.getStore()) return work();
    return this.dataSource.transaction((manager) => current.run(manager, work));
  }
}
