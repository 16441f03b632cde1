import { randomUUID } from 'node:crypto';
import { backoffSeconds } from '../../../shared/domain/backoff';

export type OperationKind = 'confirm' | 'refund';
export type OperationStatus = 'pending' | 'succeeded' | 'failed' | 'requires_action';

export interface PaymentOperationProps {
  id: string;
  paymentId: string;
  kind: OperationKind;
  /** Sent with every call for this operation, so the provider does it at most once. */
  providerKey: string;
  amount: number;
  paymentMethod: string | null;
  reason: string | null;
  actorId: string | null;
  /** The request (Idempotency-Key) that asked for it: its retry resumes this operation. */
  requestRef: string | null;
  status: OperationStatus;
  /** The provider's id of what it did (a refund id). */
  providerRef: string | null;
  failureReason: string | null;
  attempts: number;
  nextAttemptAt: Date;
  createdAt: Date;
  settledAt: Date | null;
}


/**
 * One call to the payment provider, recorded before it is made: a confirmation or a refund.
 * It is settled once the provider's answer is known, by the request that made it or, after a
 * crash or timeout, by reconciliation asking the provider with the same key.
 */
export class PaymentOperation {
  private constructor(private props: PaymentOperationProps) {}

  static confirm(input: { paymentId: string; amount: number; paymentMethod: string; requestRef: string | null }): PaymentOperation {
    const id = randomUUID();
    return PaymentOperation.record({ ...input, id, kind: 'confirm', providerKey: `confirm:${id}`, reason: null, actorId: null });
  }

  static refund(input: { paymentId: string; amount: number; reason: string | null; actorId: string | null; requestRef: string | null }): PaymentOperation {
    const id = randomUUID();
    return PaymentOperation.record({ ...input, id, kind: 'refund', providerKey: `refund:${id}`, paymentMethod: null });
  }

  private static record(
    input: Pick<PaymentOperationProps, 'paymentId' | 'kind' | 'providerKey' | 'amount' | 'paymentMethod' | 'reason' | 'actorId' | 'requestRef'> & { id?: string },
  ): PaymentOperation {
    const now = new Date();
    return new PaymentOperation({
      ...input,
      id: input.id ?? randomUUID(),
      status: 'pending',
      providerRef: null,
      failureReason: null,
      attempts: 0,
      nextAttemptAt: now,
      createdAt: now,
      settledAt: null,
    });
  }

  static restore(props: PaymentOperationProps): PaymentOperation {
    return new PaymentOperation({ ...props });
  }

  get id(): string {
    return this.props.id;
  }
  get paymentId(): string {
    return this.props.paymentId;
  }
  get kind(): OperationKind {
    return this.props.kind;
  }
  get providerKey(): string {
    return this.props.providerKey;
  }
  get amount(): number {
    return this.props.amount;
  }
  get paymentMethod(): string | null {
    return this.props.paymentMethod;
  }
  get reason(): string | null {
    return this.props.reason;
  }
  get actorId(): string | null {
    return this.props.actorId;
  }
  get isPending(): boolean {
    return this.props.status === 'pending';
  }

  snapshot(): Readonly<PaymentOperationProps> {
    return { ...this.props };
  }

  settle(status: Exclude<OperationStatus, 'pending'>, detail: { providerRef?: string; failureReason?: string } = {}): void {
    this.props.status = status;
    this.props.providerRef = detail.providerRef ?? null;
    this.props.failureReason = detail.failureReason ?? null;
    this.props.settledAt = new Date();
  }

  /** The provider could not be reached or did not answer: try again later (reconciliation). */
  retryLater(error: string, now = new Date()): void {
    this.props.attempts += 1;
    this.props.failureReason = error.slice(0, 500);
    this.props.nextAttemptAt = new Date(now.getTime() + backoffSeconds(this.props.attempts) * 1000);
  }
}
