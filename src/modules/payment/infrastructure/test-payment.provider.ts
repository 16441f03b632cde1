import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AppConfig } from '../../../config/config';
import { UnprocessableError, ValidationError } from '../../../shared/domain/domain-error';
import { ConfirmOutcome, PaymentProvider, ProviderWebhookEvent } from '../domain/payment-provider.port';

/** Deterministic test payment methods, like a card processor's test mode. */
export const TEST_METHODS: Record<string, ConfirmOutcome> = {
  pm_card_visa: { status: 'succeeded' },
  pm_card_mastercard: { status: 'succeeded' },
  pm_paypal: { status: 'succeeded' },
  pm_card_declined: { status: 'failed', reason: 'card_declined' },
  pm_card_insufficient_funds: { status: 'failed', reason: 'insufficient_funds' },
  pm_card_requires_action: { status: 'requires_action' },
};

export const SIGNATURE_HEADER = 'payment-signature';

/** `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">`, as providers commonly sign webhooks. */
export function signWebhook(secret: string, rawBody: string, timestamp = Math.floor(Date.now() / 1000)): string {
  const signature = createHmac('sha256', secret).update(`${timestamp}.${rawBody}`).digest('hex');
  return `t=${timestamp},v1=${signature}`;
}

const rid = (prefix: string) => `${prefix}_${randomBytes(12).toString('hex')}`;

interface WebhookBody {
  id?: unknown;
  type?: unknown;
  data?: { object?: { id?: unknown; last_payment_error?: { code?: unknown } } };
}

/** The built-in provider: behaves like a card processor in test mode, moves no real money. */
@Injectable()
export class TestPaymentProvider extends PaymentProvider {
  readonly name = 'test';

  constructor(private readonly config: AppConfig) {
    super();
  }

  async createIntent(): Promise<{ providerPaymentId: string; clientSecret: string }> {
    const providerPaymentId = rid('pi');
    return { providerPaymentId, clientSecret: `${providerPaymentId}_secret_${randomBytes(8).toString('hex')}` };
  }

  async confirm(_providerPaymentId: string, paymentMethod: string): Promise<ConfirmOutcome> {
    const outcome = TEST_METHODS[paymentMethod];
    if (!outcome) {
      throw new UnprocessableError('payment.unknown_method', `Unknown test payment method; use one of: ${Object.keys(TEST_METHODS).join(', ')}`);
    }
    return outcome;
  }

  async refund(): Promise<{ refundId: string }> {
    return { refundId: rid('re') };
  }

  verifyWebhook(rawBody: Buffer, signatureHeader: string | undefined): ProviderWebhookEvent {
    const bad = (message: string) => new ValidationError(SIGNATURE_HEADER, message, 'webhook.invalid_signature');
    const parts = Object.fromEntries((signatureHeader ?? '').split(',').map((p) => p.trim().split('=', 2) as [string, string]));
    const timestamp = Number(parts.t);
    if (!signatureHeader || !Number.isInteger(timestamp) || !/^[0-9a-f]{64}$/.test(parts.v1 ?? '')) throw bad('is missing or malformed');
    if (Math.abs(Date.now() / 1000 - timestamp) > this.config.payments.webhookToleranceSeconds) throw bad('is outside the replay window');
    const expected = createHmac('sha256', this.config.payments.webhookSecret).update(`${timestamp}.`).update(rawBody).digest();
    const given = Buffer.from(parts.v1, 'hex');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw bad('does not match the body');
    let body: WebhookBody;
    try {
      body = JSON.parse(rawBody.toString('utf8')) as WebhookBody;
    } catch {
      throw new ValidationError('body', 'is not valid JSON');
    }
    if (typeof body.id !== 'string' || typeof body.type !== 'string') throw new ValidationError('body', 'needs an event id and type');
    const object = body.data?.object;
    return {
      id: body.id,
      type: body.type,
      providerPaymentId: typeof object?.id === 'string' ? object.id : null,
      reason: typeof object?.last_payment_error?.code === 'string' ? object.last_payment_error.code : null,
    };
  }
}
