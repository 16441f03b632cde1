import { DomainEvent } from '../../../shared/domain/domain-event';

export interface PaymentEventPayload {
  paymentId: string;
  orderId: string;
  amount: number;
  currency: string;
}

export class PaymentSucceeded extends DomainEvent<PaymentEventPayload> {
  static readonly eventName = 'PaymentSucceeded';
  static readonly version = 1;
  readonly name = PaymentSucceeded.eventName;
}

export class PaymentFailed extends DomainEvent<PaymentEventPayload & { reason: string }> {
  static readonly eventName = 'PaymentFailed';
  static readonly version = 1;
  readonly name = PaymentFailed.eventName;
}

/** A refund was requested (and its amount reserved); the provider is asked after commit. */
export class RefundRequested extends DomainEvent<PaymentEventPayload & { operationId: string; requested: number }> {
  static readonly eventName = 'RefundRequested';
  static readonly version = 1;
  readonly name = RefundRequested.eventName;
}

export class PaymentRefunded extends DomainEvent<PaymentEventPayload & { refundId: string; refunded: number; fullyRefunded: boolean }> {
  static readonly eventName = 'PaymentRefunded';
  static readonly version = 1;
  readonly name = PaymentRefunded.eventName;
}
