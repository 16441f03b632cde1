import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { EventBus } from '../../../shared/application/event-bus';
import { TransactionHost } from '../../../shared/infrastructure/transaction-host';
import { OPEN_STATUSES, Payment } from '../domain/payment';
import { PaymentRepository } from '../domain/payment.repository.port';
import { PaymentOrmEntity, RefundOrmEntity } from './payment.orm-entity';

const LOCK = { lock: { mode: 'pessimistic_write' as const } };

@Injectable()
export class TypeOrmPaymentRepository extends PaymentRepository {
  constructor(
    private readonly tx: TransactionHost,
    private readonly events: EventBus,
  ) {
    super();
  }

  private async one(where: object, lock: boolean): Promise<Payment | null> {
    const row = await this.tx.manager.findOne(PaymentOrmEntity, { where, ...(lock ? LOCK : {}) });
    return row ? Payment.restore(row) : null;
  }

  findById(id: string): Promise<Payment | null> {
    return this.one({ id }, false);
  }

  findByIdForUpdate(id: string): Promise<Payment | null> {
    return this.one({ id }, true);
  }

  findByProviderId(providerPaymentId: string): Promise<Payment | null> {
    return this.one({ providerPaymentId }, false);
  }

  findByProviderIdForUpdate(providerPaymentId: string): Promise<Payment | null> {
    return this.one({ providerPaymentId }, true);
  }

  findOpenForOrder(orderId: string): Promise<Payment | null> {
    return this.one({ orderId, status: In(OPEN_STATUSES) }, true);
  }

  findCapturedForOrderForUpdate(orderId: string): Promise<Payment | null> {
    return this.one({ orderId, status: 'succeeded' }, true);
  }

  async save(payment: Payment): Promise<void> {
    await this.tx.manager.upsert(PaymentOrmEntity, payment.snapshot(), ['id']);
    await this.events.publish(payment.pullEvents());
  }

  async addRefund(refund: { id: string; paymentId: string; providerRefundId: string; amount: number; reason: string | null; actorId: string | null }): Promise<void> {
    await this.tx.manager.insert(RefundOrmEntity, refund);
  }

  async markWebhookProcessed(eventId: string, type: string): Promise<boolean> {
    const rows = (await this.tx.manager.query(
      `INSERT INTO webhook_events (event_id, type) VALUES ($1, $2) ON CONFLICT (event_id) DO NOTHING RETURNING event_id`,
      [eventId, type],
    )) as unknown[];
    return rows.length > 0;
  }
}
