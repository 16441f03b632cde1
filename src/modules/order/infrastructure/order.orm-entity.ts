import { Column, Entity, PrimaryColumn } from 'typeorm';
import { bigintAsNumber } from '../../../shared/infrastructure/int.transformer';
import type { OrderDiscount, OrderShippingMethod, ShippingAddress } from '../domain/order';
import type { OrderStatus } from '../domain/order-status';

@Entity('orders')
export class OrderOrmEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('bigint', { transformer: bigintAsNumber }) number!: number;
  @Column('uuid', { name: 'user_id', nullable: true }) userId!: string | null;
  @Column('text', { name: 'guest_email', nullable: true }) guestEmail!: string | null;
  @Column('text', { name: 'access_token_hash', nullable: true }) accessTokenHash!: string | null;
  @Column('text') status!: OrderStatus;
  @Column('text') currency!: string;
  @Column('bigint', { transformer: bigintAsNumber }) subtotal!: number;
  @Column('jsonb', { nullable: true }) discount!: OrderDiscount | null;
  @Column('bigint', { name: 'discount_amount', transformer: bigintAsNumber }) discountAmount!: number;
  @Column('jsonb', { name: 'shipping_method', nullable: true }) shippingMethod!: OrderShippingMethod | null;
  @Column('bigint', { name: 'shipping_amount', transformer: bigintAsNumber }) shipping!: number;
  @Column('integer', { name: 'shipping_vat_rate' }) shippingVatRate!: number;
  @Column('bigint', { transformer: bigintAsNumber }) total!: number;
  @Column('jsonb', { name: 'shipping_address', nullable: true }) shippingAddress!: ShippingAddress | null;
  @Column('text', { nullable: true }) carrier!: string | null;
  @Column('text', { name: 'tracking_number', nullable: true }) trackingNumber!: string | null;
  @Column('uuid', { name: 'parts_booking_id', nullable: true }) partsBookingId!: string | null;
  @Column('uuid', { name: 'original_order_id', nullable: true }) originalOrderId!: string | null;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt!: Date;
}

@Entity('order_items')
export class OrderItemOrmEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid', { name: 'order_id' }) orderId!: string;
  @Column('text') kind!: 'product' | 'service';
  @Column('uuid', { name: 'product_id', nullable: true }) productId!: string | null;
  @Column('uuid', { name: 'service_id', nullable: true }) serviceId!: string | null;
  @Column('text') name!: string;
  @Column('integer', { name: 'unit_price' }) unitPrice!: number;
  @Column('integer') quantity!: number;
  @Column('bigint', { name: 'line_total', transformer: bigintAsNumber }) lineTotal!: number;
  @Column('integer', { name: 'vat_rate' }) vatRate!: number;
  @Column('integer') position!: number;
}

@Entity('order_status_history')
export class OrderStatusHistoryOrmEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid', { name: 'order_id' }) orderId!: string;
  @Column('text', { name: 'from_status', nullable: true }) from!: OrderStatus | null;
  @Column('text', { name: 'to_status' }) to!: OrderStatus;
  @Column('timestamptz') at!: Date;
  @Column('uuid', { name: 'actor_id', nullable: true }) actorId!: string | null;
  @Column('text', { name: 'actor_role' }) actorRole!: string;
  @Column('text', { nullable: true }) note!: string | null;
  @Column('text', { nullable: true }) carrier!: string | null;
  @Column('text', { name: 'tracking_number', nullable: true }) trackingNumber!: string | null;
  /** Written by the database: the order in which an order's rows were written. */
  @Column({ type: 'bigint', insert: false, update: false, select: false }) seq!: string;
}
