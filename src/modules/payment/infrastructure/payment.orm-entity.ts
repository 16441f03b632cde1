import { Column, Entity, PrimaryColumn } from 'typeorm';
import { bigintAsNumber } from '../../../shared/infrastructure/int.transformer';
import type { PaymentStatus } from '../domain/payment';

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
