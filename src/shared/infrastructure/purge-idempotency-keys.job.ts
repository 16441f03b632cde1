import { Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '../../config/config';
import { IdempotencyStore } from '../application/idempotency';
import { ExclusiveJobRunner } from './exclusive-job';

/** Deletes idempotency keys past their retention (IDEMPOTENCY_RETENTION_HOURS). */
@Injectable()
export class PurgeIdempotencyKeys implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly store: IdempotencyStore,
    private readonly jobs: ExclusiveJobRunner,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    const every = this.config.jobs.idempotencyCleanupIntervalSeconds;
    if (every > 0) this.timer = setInterval(() => void this.runOnce(), every * 1000).unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  runOnce(): Promise<number | null> {
    return this.jobs.run('purge-idempotency-keys', () => this.store.purgeExpired(new Date()));
  }
}
