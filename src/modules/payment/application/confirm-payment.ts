import { Injectable } from '@nestjs/common';
import { requestAnswer } from '../../../shared/application/request-answer';
import { UnitOfWork } from '../../../shared/application/unit-of-work';
import { ConflictError, NotFoundError } from '../../../shared/domain/domain-error';
import { OrderCaller } from '../../order/application/order-access';
import { OrderPayments } from '../../order/application/order-payments';
import { PaymentOperation } from '../domain/payment-operation';
import { PaymentOperationRepository } from '../domain/payment-operation.repository.port';
import { PaymentRepository } from '../domain/payment.repository.port';
import { hiddenAsPayment } from './payment-access';
import { PaymentProcess } from './payment-process';
import { PaymentView } from './payment.views';

/**
 * Confirms a payment with a payment method, in three steps:
 * 1. a short transaction (order row locked, then the payment) checks the order is payable for
 *    this amount and records the confirmation: the payment is `processing`, so parallel confirms
 *    get 409 and at most one reaches the provider (the database also allows one capture per order);
 * 2. the provider is called outside any transaction;
 * 3. a short transaction settles its answer (the order becomes paid through PaymentSucceeded).
 * A decline leaves the order pending for another try. When the provider does not answer in time,
 * the payment stays `processing` and reconciliation settles it. A retry of the same request
 * (same Idempotency-Key) after a crash resumes the confirmation it recorded.
 */
@Injectable()
export class ConfirmPayment {
  constructor(
    private readonly orders: OrderPayments,
    private readonly payments: PaymentRepository,
    private readonly operations: PaymentOperationRepository,
    private readonly process: PaymentProcess,
    private readonly unitOfWork: UnitOfWork,
  ) {}

  async execute(paymentId: string, paymentMethod: string, caller: OrderCaller): Promise<PaymentView> {
    const operation = await this.unitOfWork.run(() => this.record(paymentId, paymentMethod, caller), { answersRequest: false });
    return this.process.execute(operation.id);
  }

  private async record(paymentId: string, paymentMethod: string, caller: OrderCaller): Promise<PaymentOperation> {
    const requestRef = requestAnswer.current()?.ref ?? null;
    const resumed = requestRef ? await this.operations.findByRequestRef(requestRef) : null;
    if (resumed?.paymentId === paymentId) return resumed;
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
    await this.orders.holdForPayment(order.orderId);
    const operation = PaymentOperation.confirm({ paymentId, amount: payment.amount, paymentMethod, requestRef });
    await this.payments.save(payment);
    await this.operations.save(operation);
    return operation;
  }
}
