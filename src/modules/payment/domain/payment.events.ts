import { DomainEvent } from '../../../shared/domain/domain-event';

export interface PaymentEventPayload {
  paymentId: string;
  orderId: string;
  amount: number;
  currency: string;
}

export class PaymentSucceeded extends DomainEvent<PaymentEventPayload> {
  static readonly eventName = 'PaymentSucceeded';
  readonly name = PaymentSucceeded.eventName;
}

export class PaymentFailed extends DomainEvent<PaymentEventPayload & { reason: string }> {
  static readonly eventName = 'PaymentFailed';
  readonly name = PaymentFailed.eventName;
}

export class PaymentRefunded extends DomainEvent<PaymentEventPayload & { refundId: string; refunded: number; fullyRefunded: boolean }> {
  static readonly eventName = 'PaymentRefunded';
  readonly name = PaymentRefunded.eventName;
}
