import { Injectable } from '@nestjs/common';
import { IntervalJob } from '../../../shared/infrastructure/interval-job';
import { AppConfig } from '../../../config/config';
import { ExclusiveJobRunner } from '../../../shared/infrastructure/exclusive-job';
import { OrderRepository } from '../domain/order.ports';

/**
 * Orders left unpaid longer than ORDER_PAYMENT_TIMEOUT_MINUTES (guest orders: the shorter
 * GUEST_PAYMENT_TIMEOUT_MINUTES) are cancelled (which releases
 * their stock). Rows are taken FOR UPDATE SKIP LOCKED, so several app processes can run this.
 */
@Injectable()
export class ExpireUnpaidOrders extends IntervalJob {
  constructor(
    private readonly orders: OrderRepository,
    private readonly jobs: ExclusiveJobRunner,
    private readonly config: AppConfig,
  ) {
    super();
  }

  protected intervalMs(): number {
    return this.config.jobs.orderExpiryIntervalSeconds * 1000;
  }

  runOnce(): Promise<number | null> {
    const before = new Date(Date.now() - this.config.order.paymentTimeoutMinutes * 60_000);
    const guestsBefore = new Date(Date.now() - this.config.order.guestPaymentTimeoutMinutes * 60_000);
    return this.jobs.run('expire-unpaid-orders', async () => {
      const ids = await this.orders.lockStalePending(before, 100, guestsBefore);
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
