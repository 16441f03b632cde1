import { Injectable } from '@nestjs/common';
import { UnitOfWork } from '../../../shared/application/unit-of-work';
import { ConflictError, NotFoundError } from '../../../shared/domain/domain-error';
import { OrderCaller } from '../../order/application/order-access';
import { OrderPayments } from '../../order/application/order-payments';
import { PaymentProvider } from '../domain/payment-provider.port';
import { PaymentRepository } from '../domain/payment.repository.port';
import { hiddenAsPayment } from './payment-access';
import { PaymentView, toPaymentView } from './payment.views';

/**
 * Confirms a payment with a payment method. The order row is locked first, so parallel confirms
 * of one order serialize and at most one captures (the database also allows only one succeeded
 * payment per order). A decline leaves the order pending for another try.
 */
@Injectable()
export class ConfirmPayment {
  constructor(
    private readonly orders: OrderPayments,
    private readonly payments: PaymentRepository,
    private readonly provider: PaymentProvider,
    private readonly unitOfWork: UnitOfWork,
  ) {}

  execute(paymentId: string, paymentMethod: string, caller: OrderCaller): Promise<PaymentView> {
    return this.unitOfWork.run(async () => {
      const unlocked = await this.payments.findById(paymentId);
      if (!unlocked) throw new NotFoundError('Payment', paymentId);
      const order = await this.orders.payable(unlocked.orderId, caller).catch(hiddenAsPayment(paymentId));
      const payment = await this.payments.findByIdForUpdate(paymentId);
      if (!payment) throw new NotFoundError('Payment', paymentId);
      payment.assertConfirmable();
      if (payment.amount !== order.total) {
        throw new ConflictError('payment.amount_mismatch', 'The order total changed since this payment was created; create a new intent', {
          paymentAmount: payment.amount,
          orderTotal: order.total,
        });
      }
      payment.startConfirmation(paymentMethod);
      const outcome = await this.provider.confirm(payment.providerPaymentId, paymentMethod);
      if (outcome.status === 'succeeded') payment.succeed();
      else if (outcome.status === 'failed') payment.fail(outcome.reason);
      else payment.requireAction();
      await this.payments.save(payment);
      return toPaymentView(payment);
    });
  }
}
