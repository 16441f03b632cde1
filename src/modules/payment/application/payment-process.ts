import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '../../../config/config';
import { UnitOfWork } from '../../../shared/application/unit-of-work';
import { DomainError, NotFoundError } from '../../../shared/domain/domain-error';
import { OrderPayments } from '../../order/application/order-payments';
import { Payment } from '../domain/payment';
import { PaymentOperation } from '../domain/payment-operation';
import { PaymentOperationRepository } from '../domain/payment-operation.repository.port';
import { PaymentProvider, ProviderRecord, ProviderUnavailableError } from '../domain/payment-provider.port';
import { PaymentRepository } from '../domain/payment.repository.port';
import { PaymentView, toPaymentView } from './payment.views';

/**
 * Payments as a recorded process: an operation (confirmation, refund) is recorded in a short
 * transaction, the provider is called with its idempotency key outside any transaction or row
 * lock, and the answer is settled in another short transaction. An operation whose answer never
 * came (timeout, crash) stays pending; `reconcile` settles it later by asking the provider.
 */
@Injectable()
export class PaymentProcess {
  private readonly logger = new Logger(PaymentProcess.name);

  constructor(
    private readonly provider: PaymentProvider,
    private readonly payments: PaymentRepository,
    private readonly operations: PaymentOperationRepository,
    private readonly orders: OrderPayments,
    private readonly unitOfWork: UnitOfWork,
    private readonly config: AppConfig,
  ) {}

  /**
   * Inside the caller's transaction: reserves a refund on a captured payment and records it.
   * Its RefundRequested event makes the provider be asked after commit (a side effect from the
   * outbox, see PaymentSideEffects); a rollback leaves nothing to ask.
   */
  async requestRefund(payment: Payment, input: { amount: number; reason: string | null; actorId: string | null; requestRef?: string | null }): Promise<PaymentOperation> {
    const operation = PaymentOperation.refund({ paymentId: payment.id, ...input, requestRef: input.requestRef ?? null });
    payment.requestRefund(input.amount, operation.id);
    await this.operations.save(operation);
    await this.payments.save(payment);
    return operation;
  }

  /** For side effects: makes the operation, and fails (to be retried) while the provider has not answered. */
  async complete(operationId: string): Promise<void> {
    await this.execute(operationId);
    if ((await this.operations.findById(operationId))?.isPending) throw new Error(`payment operation ${operationId}: the provider has not answered yet`);
  }

  /**
   * Calls the provider for a recorded operation and settles the answer. Returns the payment as
   * settled, or as it stands when the provider did not answer (the operation stays pending).
   * A refusal by the provider (a DomainError: it did nothing) settles the operation as failed
   * and is rethrown.
   */
  async execute(operationId: string): Promise<PaymentView> {
    this.unitOfWork.assertOutsideTransaction('A payment provider call');
    const { operation, payment } = await this.load(operationId);
    if (!operation.isPending) return toPaymentView(payment);
    let record: ProviderRecord;
    try {
      record = await this.withTimeout(
        operation.kind === 'confirm'
          ? this.provider.confirm(payment.providerPaymentId, operation.paymentMethod ?? '', operation.providerKey).then((outcome) => ({ kind: 'confirm' as const, outcome }))
          : this.provider.refund(payment.providerPaymentId, operation.amount, operation.providerKey).then(({ refundId }) => ({ kind: 'refund' as const, refundId })),
      );
    } catch (error) {
      if (error instanceof DomainError) {
        await this.settle(operationId, null, error.code);
        throw error;
      }
      return this.unanswered(operationId, error);
    }
    return this.settle(operationId, record);
  }

  /**
   * Settles an operation that a crash or timeout left pending: asks the provider what its key
   * did; when the provider never received it, sends it again with the same key.
   */
  async reconcile(operationId: string): Promise<void> {
    this.unitOfWork.assertOutsideTransaction('A payment provider call');
    const { operation } = await this.load(operationId);
    if (!operation.isPending) return;
    let record: ProviderRecord | null;
    try {
      record = await this.withTimeout(this.provider.lookup(operation.providerKey));
    } catch (error) {
      await this.unanswered(operationId, error);
      return;
    }
    if (record) await this.settle(operationId, record);
    else await this.execute(operationId).catch((error: unknown) => this.logger.warn(`operation ${operationId} refused: ${String(error)}`));
  }

  private async load(operationId: string): Promise<{ operation: PaymentOperation; payment: Payment }> {
    const operation = await this.operations.findById(operationId);
    const payment = operation && (await this.payments.findById(operation.paymentId));
    if (!operation || !payment) throw new NotFoundError('Payment operation', operationId);
    return { operation, payment };
  }

  private async unanswered(operationId: string, error: unknown): Promise<PaymentView> {
    const message = error instanceof Error ? error.message : String(error);
    this.logger.warn(`payment operation ${operationId} got no answer (${message}); reconciliation will settle it`);
    return this.unitOfWork.run(
      async () => {
        const operation = await this.operations.findByIdForUpdate(operationId);
        if (operation?.isPending) {
          operation.retryLater(message);
          await this.operations.save(operation);
        }
        return toPaymentView((await this.payments.findById(operation!.paymentId))!);
      },
      { answersRequest: false },
    );
  }

  /**
   * One short transaction: order, then payment, then operation locked (the order every path
   * takes). Its result, the payment's view, is the answer of the request that made the call
   * (stored with it for an Idempotency-Key).
   */
  private settle(operationId: string, record: ProviderRecord | null, refusal?: string): Promise<PaymentView> {
    return this.unitOfWork.run(async () => {
      const { operation: unlocked, payment: before } = await this.load(operationId);
      const stillPayable = await this.orders.stillPayable(before.orderId, before.amount);
      const payment = (await this.payments.findByIdForUpdate(before.id))!;
      const operation = (await this.operations.findByIdForUpdate(unlocked.id))!;
      if (!operation.isPending) return toPaymentView(payment);
      if (operation.kind === 'confirm') await this.orders.releasePaymentHold(payment.orderId);
      let captured = false;
      if (!record) {
        operation.settle('failed', { failureReason: refusal });
        if (operation.kind === 'confirm') payment.abandonConfirmation();
        else payment.dropRefund(operation.amount);
      } else if (record.kind === 'refund') {
        payment.settleRefund(operation.amount, record.refundId);
        await this.payments.addRefund({
          id: operation.id,
          paymentId: payment.id,
          providerRefundId: record.refundId,
          amount: operation.amount,
          reason: operation.reason,
          actorId: operation.actorId,
        });
        operation.settle('succeeded', { providerRef: record.refundId });
      } else {
        // A webhook may have settled the payment already; the operation is then only closed.
        const outcome = record.outcome;
        if (outcome.status === 'succeeded' && payment.isOpen) captured = true;
        if (captured) payment.succeed();
        else if (outcome.status === 'failed' && payment.isOpen) payment.fail(outcome.reason);
        else if (outcome.status === 'requires_action' && payment.status === 'processing') payment.requireAction();
        operation.settle(outcome.status, outcome.status === 'failed' ? { failureReason: outcome.reason } : {});
      }
      await this.operations.save(operation);
      await this.payments.save(payment);
      if (captured && !stillPayable) {
        // Captured after the order was cancelled, or for a total it no longer has: given back.
        this.logger.warn(`payment ${payment.id} captured for an order that is no longer payable; refunding`);
        await this.requestRefund(payment, { amount: payment.refundable(), reason: 'order no longer payable', actorId: null });
      }
      return toPaymentView(payment);
    });
  }

  private withTimeout<T>(call: Promise<T>): Promise<T> {
    const ms = this.config.payments.providerTimeoutMs;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new ProviderUnavailableError(`no answer within ${ms} ms`)), ms);
    });
    return Promise.race([call, timeout]).finally(() => clearTimeout(timer));
  }
}
