import { randomUUID } from 'node:crypto';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { EventBus } from '../../../shared/application/event-bus';
import { UnitOfWork } from '../../../shared/application/unit-of-work';
import { Actor } from '../../../shared/domain/actor';
import { NotFoundError } from '../../../shared/domain/domain-error';
import { OrderPayments } from '../../order/application/order-payments';
import { Payment } from '../domain/payment';
import { PaymentProvider } from '../domain/payment-provider.port';
import { PaymentRepository } from '../domain/payment.repository.port';
import { PaymentView, toPaymentView } from './payment.views';

interface OrderCancelledEvent {
  payload: { orderId: string; actorId: string | null };
}

/** Refunds (admin: full or partial); and a cancelled order's captured payment is refunded in full. */
@Injectable()
export class RefundPayment implements OnModuleInit {
  constructor(
    private readonly orders: OrderPayments,
    private readonly payments: PaymentRepository,
    private readonly provider: PaymentProvider,
    private readonly unitOfWork: UnitOfWork,
    private readonly events: EventBus,
  ) {}

  onModuleInit(): void {
    this.events.subscribe('OrderCancelled', (e) => this.onOrderCancelled(e as unknown as OrderCancelledEvent));
  }

  execute(admin: Actor, paymentId: string, amount: number | undefined, reason: string | null): Promise<PaymentView> {
    return this.unitOfWork.run(async () => {
      const unlocked = await this.payments.findById(paymentId);
      if (!unlocked) throw new NotFoundError('Payment', paymentId);
      await this.orders.lock(unlocked.orderId);
      const payment = await this.payments.findByIdForUpdate(paymentId);
      if (!payment) throw new NotFoundError('Payment', paymentId);
      await this.refund(payment, amount ?? payment.refundable(), reason, admin.userId);
      return toPaymentView(payment);
    });
  }

  /** Runs inside the caller's transaction. */
  async refund(payment: Payment, amount: number, reason: string | null, actorId: string | null): Promise<void> {
    payment.checkRefund(amount);
    const { refundId } = await this.provider.refund(payment.providerPaymentId, amount);
    payment.refund(amount, refundId);
    await this.payments.addRefund({ id: randomUUID(), paymentId: payment.id, providerRefundId: refundId, amount, reason, actorId });
    await this.payments.save(payment);
  }

  private async onOrderCancelled({ payload }: OrderCancelledEvent): Promise<void> {
    const open = await this.payments.findOpenForOrder(payload.orderId);
    // A payment in requires_action is in the provider's hands (the customer may still pass the
    // bank's check): it stays open, so that a late success webhook is recorded and refunded.
    if (open?.status === 'requires_confirmation') {
      open.fail('order_cancelled');
      await this.payments.save(open);
    }
    const captured = await this.payments.findCapturedForOrderForUpdate(payload.orderId);
    if (captured && captured.refundable() > 0) await this.refund(captured, captured.refundable(), 'order cancelled', payload.actorId);
  }
}
