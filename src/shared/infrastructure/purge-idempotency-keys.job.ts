import { Injectable } from '@nestjs/common';
import { IntervalJob } from './interval-job';
import { AppConfig } from '../../config/config';
import { IdempotencyStore } from '../application/idempotency';
import { ExclusiveJobRunner } from './exclusive-job';

/** Deletes idempotency keys past their retention (IDEMPOTENCY_RETENTION_HOURS). */
@Injectable()
export class PurgeIdempotencyKeys extends IntervalJob {
  constructor(
    private readonly store: IdempotencyStore,
    private readonly jobs: ExclusiveJobRunner,
    private readonly config: AppConfig,
  ) {
    super();
  }

  protected intervalMs(): number {
    return this.config.jobs.idempotencyCleanupIntervalSeconds * 1000;
  }

  runOnce(): Promise<number | null> {
    return this.jobs.run('purge-idempotency-keys', () => this.store.purgeExpired(new Date()));
  }
}
