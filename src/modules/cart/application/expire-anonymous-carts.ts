import { Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '../../../config/config';
import { ExclusiveJobRunner } from '../../../shared/infrastructure/exclusive-job';
import { CartRepository } from '../domain/cart.ports';

/** Housekeeping: anonymous carts untouched for CART_ANONYMOUS_TTL_DAYS are expired. */
@Injectable()
export class ExpireAnonymousCarts implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly carts: CartRepository,
    private readonly jobs: ExclusiveJobRunner,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    const every = this.config.jobs.cartExpiryIntervalSeconds;
    if (every > 0) this.timer = setInterval(() => void this.runOnce(), every * 1000).unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  runOnce(): Promise<number | null> {
    const before = new Date(Date.now() - this.config.cart.anonymousTtlDays * 86_400_000);
    return this.jobs.run('expire-anonymous-carts', () => this.carts.expireAnonymous(before, 1000));
  }
}
