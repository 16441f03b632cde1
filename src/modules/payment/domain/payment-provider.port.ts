export type ConfirmOutcome =
  | { status: 'succeeded' }
  | { status: 'failed'; reason: string }
  | { status: 'requires_action' };

export interface ProviderWebhookEvent {
  id: string;
  type: 'payment_intent.succeeded' | 'payment_intent.payment_failed' | string;
  providerPaymentId: string | null;
  reason: string | null;
}

/** A card processor as this service uses it. */
export abstract class PaymentProvider {
  abstract readonly name: string;
  abstract createIntent(amount: number, currency: string, orderId: string): Promise<{ providerPaymentId: string; clientSecret: string }>;
  abstract confirm(providerPaymentId: string, paymentMethod: string): Promise<ConfirmOutcome>;
  abstract refund(providerPaymentId: string, amount: number): Promise<{ refundId: string }>;
  /** Checks the signature and freshness of a webhook; throws a validation error otherwise. */
  abstract verifyWebhook(rawBody: Buffer, signatureHeader: string | undefined): ProviderWebhookEvent;
}
