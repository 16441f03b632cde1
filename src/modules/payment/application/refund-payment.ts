import { Injectable, OnModuleInit } from '@nestjs/common';
import { EventBus } from '../../../shared/application/event-bus';
import { requestAnswer } from '../../../shared/application/request-answer';
import { UnitOfWork } from '../../../shared/application/unit-of-work';
import { Actor } from '../../../shared/domain/actor';
import { NotFoundError } from '../../../shared/domain/domain-error';
import { OrderPayments } from '../../order/application/order-payments';
import { ON_ORDER_CANCELLED, OrderCancelled } from '../../order/contracts/order.events';
import { PaymentOperationRepository } from '../domain/payment-operation.repository.port';
import { PaymentRepository } from '../domain/payment.repository.port';
import { PaymentProcess } from './payment-process';
import { PaymentView } from './payment.views';

/**
 * Refunds (admin: full or partial); and a cancelled order's captured payment is refunded in full.
 * A refund is requested in the transaction (the amount reserved, the operation recorded) and
 * made by the provider after commit, so a rollback never leaves money refunded.
 */
@Injectable()
export class RefundPayment implements OnModuleInit {
  constructor(
    private readonly orders: OrderPayments,
    private readonly payments: PaymentRepository,
    private readonly operations: PaymentOperationRepository,
    private readonly process: PaymentProcess,
    private readonly unitOfWork: UnitOfWork,
    private readonly events: EventBus,
  ) {}

  onModuleInit(): void {
    this.events.subscribe(OrderCancelled, (e) => this.onOrderCancelled(e), { order: ON_ORDER_CANCELLED.requestRefund });
  }

  async execute(admin: Actor, paymentId: string, amount: number | undefined, reason: string | null): Promise<PaymentView> {
    const operation = await this.unitOfWork.run(
      async () => {
        const requestRef = requestAnswer.current()?.ref ?? null;
        const resumed = requestRef ? await this.operations.findByRequestRef(requestRef) : null;
        if (resumed?.paymentId === paymentId) return resumed;
        const unlocked = await this.payments.findById(paymentId);
        if (!unlocked) throw new NotFoundError('Payment', paymentId);
        await this.orders.lock(unlocked.orderId);
        const payment = await this.payments.findByIdForUpdate(paymentId);
        if (!payment) throw new NotFoundError('Payment', paymentId);
        return this.process.requestRefund(payment, { amount: amount ?? payment.refundable(), reason, actorId: admin.userId, requestRef });
      },
      { answersRequest: false },
    );
    return this.process.execute(operation.id);
  }

  private async onOrderCancelled({ payload }: OrderCancelled): Promise<void> {
    const open = await this.payments.findOpenForOrder(payload.orderId);
    // A payment in requires_action or processing is in the provider's hands (the customer may
    // still pass the bank's check, the provider's answer may still come): it stays open, and a
    // late success is recorded and refunded.
    if (open?.status === 'requires_confirmation') {
      open.fail('order_cancelled');
      await this.payments.save(open);
    }
    const captured = await this.payments.findCapturedForOrderForUpdate(payload.orderId);
    if (captured && captured.refundable() > 0) {
      await this.process.requestRefund(captured, { amount: captured.refundable(), reason: 'order cancelled', actorId: payload.actorId });
    }
  }
}
