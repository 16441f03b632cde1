import { Payment } from './payment';

export abstract class PaymentRepository {
  abstract findById(id: string): Promise<Payment | null>;
  abstract findByIdForUpdate(id: string): Promise<Payment | null>;
  abstract findByProviderId(providerPaymentId: string): Promise<Payment | null>;
  abstract findByProviderIdForUpdate(providerPaymentId: string): Promise<Payment | null>;
  abstract findOpenForOrder(orderId: string): Promise<Payment | null>;
  abstract findCapturedForOrderForUpdate(orderId: string): Promise<Payment | null>;
  /** Persists and publishes the payment's events in the surrounding transaction. */
  abstract save(payment: Payment): Promise<void>;
  abstract addRefund(refund: { id: string; paymentId: string; providerRefundId: string; amount: number; reason: string | null; actorId: string | null }): Promise<void>;
  /** Records a provider webhook event id; false when it was already processed. */
  abstract markWebhookProcessed(eventId: string, type: string): Promise<boolean>;
}
