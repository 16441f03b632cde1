import { Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '../../../config/config';
import { ExclusiveJobRunner } from '../../../shared/infrastructure/exclusive-job';
import { OrderRepository } from '../domain/order.ports';

/**
 * Orders left unpaid longer than ORDER_PAYMENT_TIMEOUT_MINUTES are cancelled (which releases
 * their stock). Rows are taken FOR UPDATE SKIP LOCKED, so several app processes can run this.
 */
@Injectable()
export class ExpireUnpaidOrders implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly orders: OrderRepository,
    private readonly jobs: ExclusiveJobRunner,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    const every = this.config.jobs.orderExpiryIntervalSeconds;
    if (every > 0) this.timer = setInterval(() => void this.runOnce(), every * 1000).unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  runOnce(): Promise<number | null> {
    const before = new Date(Date.now() - this.config.order.paymentTimeoutMinutes * 60_000);
    return this.jobs.run('expire-unpaid-orders', async () => {
      const ids = await this.orders.lockStalePending(before, 100);
      for (const id of ids) {
        const order = await this.orders.findById(id);
        if (!order) continue;
        order.cancel({ id: null, role: 'system' }, 'payment not received in time');
        await this.orders.save(order);
      }
      return ids.length;
    });
  }
}
