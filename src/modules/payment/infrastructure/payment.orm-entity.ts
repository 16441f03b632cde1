import { Column, Entity, PrimaryColumn } from 'typeorm';
import { bigintAsNumber } from '../../../shared/infrastructure/int.transformer';
import type { PaymentStatus } from '../domain/payment';
import type { OperationKind, OperationStatus } from '../domain/payment-operation';

@Entity('payments')
export class PaymentOrmEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid', { name: 'order_id' }) orderId!: string;
  @Column('text') provider!: string;
  @Column('text', { name: 'provider_payment_id' }) providerPaymentId!: string;
  @Column('bigint', { transformer: bigintAsNumber }) amount!: number;
  @Column('text') currency!: string;
  @Column('text') status!: PaymentStatus;
  @Column('text', { name: 'payment_method', nullable: true }) paymentMethod!: string | null;
  @Column('bigint', { name: 'amount_refunded', transformer: bigintAsNumber }) amountRefunded!: number;
  @Column('bigint', { name: 'amount_refund_pending', transformer: bigintAsNumber }) amountRefundPending!: number;
  @Column('text', { name: 'failure_reason', nullable: true }) failureReason!: string | null;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt!: Date;
}

@Entity('refunds')
export class RefundOrmEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid', { name: 'payment_id' }) paymentId!: string;
  @Column('text', { name: 'provider_refund_id' }) providerRefundId!: string;
  @Column('bigint', { transformer: bigintAsNumber }) amount!: number;
  @Column('text', { nullable: true }) reason!: string | null;
  @Column('uuid', { name: 'actor_id', nullable: true }) actorId!: string | null;
  @Column('timestamptz', { name: 'created_at', default: () => 'now()' }) createdAt!: Date;
}

@Entity('webhook_events')
export class WebhookEventOrmEntity {
  @PrimaryColumn('text', { name: 'event_id' }) eventId!: string;
  @Column('text') type!: string;
  @Column('timestamptz', { name: 'received_at', default: () => 'now()' }) receivedAt!: Date;
}

@Entity('payment_operations')
export class PaymentOperationOrmEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid', { name: 'payment_id' }) paymentId!: string;
  @Column('text') kind!: OperationKind;
  @Column('text', { name: 'provider_key' }) providerKey!: string;
  @Column('bigint', { transformer: bigintAsNumber }) amount!: number;
  @Column('text', { name: 'payment_method', nullable: true }) paymentMethod!: string | null;
  @Column('text', { nullable: true }) reason!: string | null;
  @Column('uuid', { name: 'actor_id', nullable: true }) actorId!: string | null;
  @Column('text', { name: 'request_ref', nullable: true }) requestRef!: string | null;
  @Column('text') status!: OperationStatus;
  @Column('text', { name: 'provider_ref', nullable: true }) providerRef!: string | null;
  @Column('text', { name: 'failure_reason', nullable: true }) failureReason!: string | null;
  @Column('int') attempts!: number;
  @Column('timestamptz', { name: 'next_attempt_at' }) nextAttemptAt!: Date;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
  @Column('timestamptz', { name: 'settled_at', nullable: true }) settledAt!: Date | null;
}
