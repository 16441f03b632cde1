import { randomUUID } from 'node:crypto';
import { AggregateRoot } from '../../../shared/domain/aggregate-root';
import { ConflictError, ValidationError } from '../../../shared/domain/domain-error';
import { PaymentFailed, PaymentRefunded, PaymentSucceeded, RefundRequested } from './payment.events';

export const PAYMENT_STATUSES = ['requires_confirmation', 'processing', 'requires_action', 'succeeded', 'failed', 'refunded'] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];
/** Not settled yet; `processing` = a confirmation was sent to the provider and its answer is not recorded yet. */
export const OPEN_STATUSES: PaymentStatus[] = ['requires_confirmation', 'processing', 'requires_action'];

export interface PaymentProps {
  id: string;
  orderId: string;
  provider: string;
  providerPaymentId: string;
  amount: number;
  currency: string;
  status: PaymentStatus;
  paymentMethod: string | null;
  amountRefunded: number;
  /** Refunds requested and not yet settled with the provider: reserved out of what can be refunded. */
  amountRefundPending: number;
  failureReason: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/**
 * requires_confirmation -> processing (the provider is being asked) -> succeeded | failed, or ->
 * requires_action (the provider settles it later by webhook) -> succeeded | failed;
 * succeeded -> refunded once fully refunded. A refund is requested first (the amount is reserved)
 * and settled once the provider has made it.
 */
export class Payment extends AggregateRoot {
  private constructor(private props: PaymentProps) {
    super();
  }

  static open(input: { orderId: string; provider: string; providerPaymentId: string; amount: number; currency: string }): Payment {
    const now = new Date();
    return new Payment({
      ...input,
      id: randomUUID(),
      status: 'requires_confirmation',
      paymentMethod: null,
      amountRefunded: 0,
      amountRefundPending: 0,
      failureReason: null,
      createdAt: now,
      updatedAt: now,
    });
  }

  static restore(props: PaymentProps): Payment {
    return new Payment({ ...props });
  }

  get id(): string {
    return this.props.id;
  }
  get orderId(): string {
    return this.props.orderId;
  }
  get status(): PaymentStatus {
    return this.props.status;
  }
  get amount(): number {
    return this.props.amount;
  }
  get providerPaymentId(): string {
    return this.props.providerPaymentId;
  }
  get isOpen(): boolean {
    return OPEN_STATUSES.includes(this.props.status);
  }

  snapshot(): Readonly<PaymentProps> {
    return { ...this.props };
  }

  assertConfirmable(): void {
    if (this.props.status !== 'requires_confirmation') {
      throw new ConflictError('payment.not_confirmable', `This payment is ${this.props.status}; only a payment that requires confirmation can be confirmed`, {
        paymentStatus: this.props.status,
      });
    }
  }

  get paymentMethod(): string | null {
    return this.props.paymentMethod;
  }

  /** The confirmation is about to be sent to the provider: no second one may start. */
  startConfirmation(method: string): void {
    this.assertConfirmable();
    this.props.paymentMethod = method;
    this.props.status = 'processing';
    this.touch();
  }

  /** The provider refused the request outright (nothing happened there): confirmable again. */
  abandonConfirmation(): void {
    if (this.props.status !== 'processing') return;
    this.props.status = 'requires_confirmation';
    this.props.paymentMethod = null;
    this.touch();
  }

  requireAction(): void {
    if (this.props.status !== 'processing') throw new ConflictError('payment.not_processing', `This payment is already ${this.props.status}`);
    this.props.status = 'requires_action';
    this.touch();
  }

  succeed(): void {
    if (!this.isOpen) throw new ConflictError('payment.not_open', `This payment is already ${this.props.status}`);
    this.props.status = 'succeeded';
    this.props.failureReason = null;
    this.touch();
    this.record(new PaymentSucceeded(this.id, this.eventBase()));
  }

  fail(reason: string): void {
    if (!this.isOpen) throw new ConflictError('payment.not_open', `This payment is already ${this.props.status}`);
    this.props.status = 'failed';
    this.props.failureReason = reason;
    this.touch();
    this.record(new PaymentFailed(this.id, { ...this.eventBase(), reason }));
  }

  refundable(): number {
    return this.props.status === 'succeeded' ? this.props.amount - this.props.amountRefunded - this.props.amountRefundPending : 0;
  }

  /** Full or partial; never more than what was captured and not yet refunded. */
  checkRefund(amount: number): void {
    if (this.props.status !== 'succeeded') {
      throw new ConflictError('payment.not_refundable', `Only a succeeded payment can be refunded (this one is ${this.props.status})`);
    }
    if (!Number.isInteger(amount) || amount < 1) throw new ValidationError('amount', 'must be a positive whole number of pence');
    if (amount > this.refundable()) {
      throw new ConflictError('payment.refund_exceeds_captured', `At most ${this.refundable()} can still be refunded`, { refundable: this.refundable() });
    }
  }

  /** Reserves `amount` for a refund that the provider will be asked to make after commit. */
  requestRefund(amount: number, operationId: string): void {
    this.checkRefund(amount);
    this.props.amountRefundPending += amount;
    this.touch();
    this.record(new RefundRequested(this.id, { ...this.eventBase(), operationId, requested: amount }));
  }

  /** The provider refused a requested refund for good: the amount may be refunded again. */
  dropRefund(amount: number): void {
    this.props.amountRefundPending = Math.max(0, this.props.amountRefundPending - amount);
    this.touch();
  }

  /** The provider made a requested refund. */
  settleRefund(amount: number, refundId: string): void {
    if (amount > this.props.amountRefundPending) {
      throw new ConflictError('payment.refund_not_requested', `No requested refund of ${amount} is waiting on this payment`);
    }
    this.props.amountRefundPending -= amount;
    this.props.amountRefunded += amount;
    const fullyRefunded = this.props.amountRefunded === this.props.amount;
    if (fullyRefunded) this.props.status = 'refunded';
    this.touch();
    this.record(new PaymentRefunded(this.id, { ...this.eventBase(), refundId, refunded: amount, fullyRefunded }));
  }

  private eventBase() {
    return { paymentId: this.id, orderId: this.props.orderId, amount: this.props.amount, currency: this.props.currency };
  }

  private touch(): void {
    this.props.updatedAt = new Date();
  }
}
