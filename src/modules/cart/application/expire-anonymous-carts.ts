import { Injectable } from '@nestjs/common';
import { IntervalJob } from '../../../shared/infrastructure/interval-job';
import { AppConfig } from '../../../config/config';
import { ExclusiveJobRunner } from '../../../shared/infrastructure/exclusive-job';
import { CartRepository } from '../domain/cart.ports';

/** Housekeeping: anonymous carts untouched for CART_ANONYMOUS_TTL_DAYS are expired. */
@Injectable()
export class ExpireAnonymousCarts extends IntervalJob {
  constructor(
    private readonly carts: CartRepository,
    private readonly jobs: ExclusiveJobRunner,
    private readonly config: AppConfig,
  ) {
    super();
  }

  protected intervalMs(): number {
    return this.config.jobs.cartExpiryIntervalSeconds * 1000;
  }

  runOnce(): Promise<number | null> {
    const before = new Date(Date.now() - this.config.cart.anonymousTtlDays * 86_400_000);
    return this.jobs.run('expire-anonymous-carts', () => this.carts.expireAnonymous(before, 1000));
  }
}
