import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '../../../config/config';
import { UnprocessableError, ValidationError } from '../../../shared/domain/domain-error';
import { ConfirmOutcome, PaymentProvider, ProviderRecord, ProviderUnavailableError, ProviderWebhookEvent } from '../domain/payment-provider.port';

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

/**
 * The built-in provider: behaves like a card processor in test mode, moves no real money.
 * Each idempotency key acts once (kept in test_provider_ledger, as a real provider keeps it on
 * its side); TEST_PROVIDER_LATENCY_MS and TEST_PROVIDER_TIMEOUTS make calls slow or unanswered.
 */
@Injectable()
export class TestPaymentProvider extends PaymentProvider {
  readonly name = 'test';

  constructor(
    private readonly config: AppConfig,
    /** The provider's own memory of what each idempotency key did (its side, not the app's transactions). */
    private readonly dataSource: DataSource,
  ) {
    super();
  }

  async createIntent(): Promise<{ providerPaymentId: string; clientSecret: string }> {
    const providerPaymentId = rid('pi');
    return { providerPaymentId, clientSecret: `${providerPaymentId}_secret_${randomBytes(8).toString('hex')}` };
  }

  async confirm(providerPaymentId: string, paymentMethod: string, idempotencyKey: string): Promise<ConfirmOutcome> {
    await this.latency();
    const outcome = TEST_METHODS[paymentMethod];
    if (!outcome) {
      throw new UnprocessableError('payment.unknown_method', `Unknown test payment method; use one of: ${Object.keys(TEST_METHODS).join(', ')}`);
    }
    const record = await this.act(idempotencyKey, providerPaymentId, { kind: 'confirm', outcome });
    this.answerOrTimeOut('confirm');
    return record.kind === 'confirm' ? record.outcome : outcome;
  }

  async refund(providerPaymentId: string, _amount: number, idempotencyKey: string): Promise<{ refundId: string }> {
    await this.latency();
    const record = await this.act(idempotencyKey, providerPaymentId, { kind: 'refund', refundId: rid('re') });
    this.answerOrTimeOut('refund');
    if (record.kind !== 'refund') throw new UnprocessableError('payment.idempotency_key_reused', 'This idempotency key was used for another operation');
    return { refundId: record.refundId };
  }

  async lookup(idempotencyKey: string): Promise<ProviderRecord | null> {
    await this.latency();
    return this.lookupNow(idempotencyKey);
  }

  /** Does what the key asks once; the same key again returns what it did the first time. */
  private async act(idempotencyKey: string, providerPaymentId: string, record: ProviderRecord): Promise<ProviderRecord> {
    await this.dataSource.query(
      `INSERT INTO test_provider_ledger (idempotency_key, provider_payment_id, record) VALUES ($1, $2, $3) ON CONFLICT (idempotency_key) DO NOTHING`,
      [idempotencyKey, providerPaymentId, JSON.stringify(record)],
    );
    return (await this.lookupNow(idempotencyKey)) ?? record;
  }

  private async lookupNow(idempotencyKey: string): Promise<ProviderRecord | null> {
    const [row] = (await this.dataSource.query(`SELECT record FROM test_provider_ledger WHERE idempotency_key = $1`, [idempotencyKey])) as {
      record: ProviderRecord;
    }[];
    return row?.record ?? null;
  }

  private latency(): Promise<void> {
    const ms = this.config.payments.testProvider.latencyMs;
    return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
  }

  /** TEST_PROVIDER_TIMEOUTS: the provider acted, but its answer never arrives. */
  private answerOrTimeOut(operation: 'confirm' | 'refund'): void {
    if (this.config.payments.testProvider.timeouts.includes(operation)) throw new ProviderUnavailableError(`test provider: ${operation} timed out`);
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
