import { Injectable } from '@nestjs/common';
import { UnitOfWork } from '../../../shared/application/unit-of-work';
import { ConflictError } from '../../../shared/domain/domain-error';
import { OrderCaller } from '../../order/application/order-access';
import { OrderPayments, PayableOrder } from '../../order/application/order-payments';
import { Payment } from '../domain/payment';
import { PaymentProvider } from '../domain/payment-provider.port';
import { PaymentRepository } from '../domain/payment.repository.port';
import { PaymentView, toPaymentView } from './payment.views';

/**
 * Opens a payment for a pending order's total. Asking again returns the same open intent; an
 * open intent for an outdated amount (items were added) is closed and a new one opened, unless
 * the provider holds it (processing, requires_action). The provider's intent is created between
 * two short transactions, never inside one.
 */
@Injectable()
export class CreatePaymentIntent {
  constructor(
    private readonly orders: OrderPayments,
    private readonly payments: PaymentRepository,
    private readonly provider: PaymentProvider,
    private readonly unitOfWork: UnitOfWork,
  ) {}

  async execute(orderId: string, caller: OrderCaller): Promise<PaymentView> {
    const first = await this.unitOfWork.run(() => this.openOrCurrent(orderId, caller), { answersRequest: false });
    if ('payment' in first) return toPaymentView(first.payment);
    const intent = await this.provider.createIntent(first.order.total, first.order.currency, orderId);
    const opened = await this.unitOfWork.run(async () => {
      const now = await this.openOrCurrent(orderId, caller);
      // Another request opened one meanwhile (the provider's unused intent simply lapses).
      if ('payment' in now) return toPaymentView(now.payment);
      if (now.order.total !== first.order.total) return null;
      const payment = Payment.open({
        orderId,
        provider: this.provider.name,
        providerPaymentId: intent.providerPaymentId,
        amount: now.order.total,
        currency: now.order.currency,
      });
      await this.payments.save(payment);
      return toPaymentView(payment);
    });
    // The total changed while the provider was asked: open one for the new total.
    return opened ?? this.execute(orderId, caller);
  }

  /** The order row-locked: its open payment for the current total, or the order to open one for. */
  private async openOrCurrent(orderId: string, caller: OrderCaller): Promise<{ payment: Payment } | { order: PayableOrder }> {
    const order = await this.orders.payable(orderId, caller);
    const open = await this.payments.findOpenForOrder(orderId);
    if (open && open.amount === order.total) return { payment: open };
    if (open && open.status !== 'requires_confirmation') {
      // The provider holds it (the customer is at the bank, or its answer is on the way); closing
      // it here would ignore a later capture. It settles first (a success for the old total is refunded).
      throw new ConflictError('payment.awaiting_action', "A payment for the previous total awaits the customer's bank; try again once it has settled", {
        paymentId: open.id,
        paymentAmount: open.amount,
        orderTotal: order.total,
      });
    }
    if (open) {
      open.fail('order_changed');
      await this.payments.save(open);
    }
    return { order };
  }
}
