import { Injectable } from '@nestjs/common';
import { NotFoundError } from '../../../shared/domain/domain-error';
import { OrderCaller } from '../../order/application/order-access';
import { OrderPayments } from '../../order/application/order-payments';
import { PaymentRepository } from '../domain/payment.repository.port';
import { hiddenAsPayment } from './payment-access';
import { PaymentView, toPaymentView } from './payment.views';

/** A payment, for whoever may read its order. */
@Injectable()
export class GetPayment {
  constructor(
    private readonly payments: PaymentRepository,
    private readonly orders: OrderPayments,
  ) {}

  async execute(paymentId: string, caller: OrderCaller): Promise<PaymentView> {
    const payment = await this.payments.findById(paymentId);
    if (!payment) throw new NotFoundError('Payment', paymentId);
    await this.orders.assertReadable(payment.orderId, caller).catch(hiddenAsPayment(paymentId));
    return toPaymentView(payment);
  }
}
