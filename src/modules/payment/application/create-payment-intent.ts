import { Injectable } from '@nestjs/common';
import { UnitOfWork } from '../../../shared/application/unit-of-work';
import { ConflictError } from '../../../shared/domain/domain-error';
import { OrderCaller } from '../../order/application/order-access';
import { OrderPayments } from '../../order/application/order-payments';
import { Payment } from '../domain/payment';
import { PaymentProvider } from '../domain/payment-provider.port';
import { PaymentRepository } from '../domain/payment.repository.port';
import { PaymentView, toPaymentView } from './payment.views';

/**
 * Opens a payment for a pending order's total. Asking again returns the same open intent; an
 * open intent for an outdated amount (items were added) is closed and a new one opened, unless
 * the provider still holds it (requires_action).
 */
@Injectable()
export class CreatePaymentIntent {
  constructor(
    private readonly orders: OrderPayments,
    private readonly payments: PaymentRepository,
    private readonly provider: PaymentProvider,
    private readonly unitOfWork: UnitOfWork,
  ) {}

  execute(orderId: string, caller: OrderCaller): Promise<PaymentView> {
    return this.unitOfWork.run(async () => {
      const order = await this.orders.payable(orderId, caller);
      const open = await this.payments.findOpenForOrder(orderId);
      if (open && open.amount === order.total) return toPaymentView(open);
      if (open?.status === 'requires_action') {
        // The provider holds it while the customer is at the bank; closing it here would ignore a
        // later capture. Its webhook settles it (a success for the old total is refunded).
        throw new ConflictError('payment.awaiting_action', 'A payment for the previous total awaits the customer\'s bank; try again once it has settled', {
          paymentId: open.id,
          paymentAmount: open.amount,
          orderTotal: order.total,
        });
      }
      if (open) {
        open.fail('order_changed');
        await this.payments.save(open);
      }
      const intent = await this.provider.createIntent(order.total, order.currency, orderId);
      const payment = Payment.open({
        orderId,
        provider: this.provider.name,
        providerPaymentId: intent.providerPaymentId,
        amount: order.total,
        currency: order.currency,
      });
      await this.payments.save(payment);
      return toPaymentView(payment);
    });
  }
}
