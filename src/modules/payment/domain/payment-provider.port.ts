export type ConfirmOutcome =
  | { status: 'succeeded' }
  | { status: 'failed'; reason: string }
  | { status: 'requires_action' };

/** What the provider did for one idempotency key, as it reports it when asked later. */
export type ProviderRecord = { kind: 'confirm'; outcome: ConfirmOutcome } | { kind: 'refund'; refundId: string };

export interface ProviderWebhookEvent {
  id: string;
  type: 'payment_intent.succeeded' | 'payment_intent.payment_failed' | string;
  providerPaymentId: string | null;
  reason: string | null;
}

/**
 * The provider did not answer (timeout, network): it may or may not have acted. The operation
 * stays pending and is settled later by asking the provider with the same idempotency key.
 */
export class ProviderUnavailableError extends Error {}

/**
 * A card processor as this service uses it. Every call that moves money carries an idempotency
 * key: the same key never moves money twice, and `lookup` tells what the key did.
 * A DomainError from a call means the provider refused the request and did nothing.
 */
export abstract class PaymentProvider {
  abstract readonly name: string;
  abstract createIntent(amount: number, currency: string, orderId: string): Promise<{ providerPaymentId: string; clientSecret: string }>;
  abstract confirm(providerPaymentId: string, paymentMethod: string, idempotencyKey: string): Promise<ConfirmOutcome>;
  abstract refund(providerPaymentId: string, amount: number, idempotencyKey: string): Promise<{ refundId: string }>;
  /** What the provider did for this key; null when it never received it. */
  abstract lookup(idempotencyKey: string): Promise<ProviderRecord | null>;
  /** Checks the signature and freshness of a webhook; throws a validation error otherwise. */
  abstract verifyWebhook(rawBody: Buffer, signatureHeader: string | undefined): ProviderWebhookEvent;
}
