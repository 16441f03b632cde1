import { Injectable, Logger } from '@nestjs/common';
import { UnitOfWork } from '../../../shared/application/unit-of-work';
import { OrderPayments } from '../../order/application/order-payments';
import { PaymentProvider } from '../domain/payment-provider.port';
import { PaymentRepository } from '../domain/payment.repository.port';
import { PaymentProcess } from './payment-process';

export interface WebhookResult {
  received: true;
  duplicate: boolean;
}

/**
 * The provider's signed callbacks settle payments that needed customer action. Each event id is
 * processed once (a replay answers 200 and changes nothing). A payment that succeeds after its
 * order was cancelled, or for a total the order no longer has, is refunded: requested in the
 * transaction, made by the provider right after commit.
 */
@Injectable()
export class HandleWebhook {
  private readonly logger = new Logger(HandleWebhook.name);

  constructor(
    private readonly provider: PaymentProvider,
    private readonly payments: PaymentRepository,
    private readonly orders: OrderPayments,
    private readonly process: PaymentProcess,
    private readonly unitOfWork: UnitOfWork,
  ) {}

  execute(rawBody: Buffer, signature: string | undefined): Promise<WebhookResult> {
    const event = this.provider.verifyWebhook(rawBody, signature);
    return this.unitOfWork.run(async () => {
      if (!(await this.payments.markWebhookProcessed(event.id, event.type))) return { received: true, duplicate: true };
      if (!event.providerPaymentId) return { received: true, duplicate: false };
      const unlocked = await this.payments.findByProviderId(event.providerPaymentId);
      if (!unlocked || !unlocked.isOpen) return { received: true, duplicate: false };
      // Lock order, then payment: the same order as checkout, confirmation and cancellation.
      const payable = await this.orders.stillPayable(unlocked.orderId, unlocked.amount);
      const payment = await this.payments.findByProviderIdForUpdate(event.providerPaymentId);
      if (!payment?.isOpen) return { received: true, duplicate: false };
      if (event.type === 'payment_intent.succeeded') {
        payment.succeed();
        await this.payments.save(payment);
        if (!payable) {
          this.logger.warn(`payment ${payment.id} settled after its order was closed or its total changed; refunding`);
          await this.process.requestRefund(payment, { amount: payment.refundable(), reason: 'order no longer payable', actorId: null });
        }
      } else if (event.type === 'payment_intent.payment_failed') {
        payment.fail(event.reason ?? 'payment_failed');
        await this.payments.save(payment);
      }
      return { received: true, duplicate: false };
    });
  }
}
