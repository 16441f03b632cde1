import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { CartStatus } from '../domain/cart';
import type { DiscountScope, DiscountType } from '../domain/discount';

@Entity('carts')
export class CartOrmEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid', { name: 'user_id', nullable: true }) userId!: string | null;
  @Column('text', { name: 'token_hash', nullable: true }) tokenHash!: string | null;
  @Column('text') status!: CartStatus;
  @Column('text', { name: 'discount_code', nullable: true }) discountCode!: string | null;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt!: Date;
}

@Entity('cart_items')
export class CartItemOrmEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid', { name: 'cart_id' }) cartId!: string;
  @Column('uuid', { name: 'product_id', nullable: true }) productId!: string | null;
  @Column('uuid', { name: 'service_id', nullable: true }) serviceId!: string | null;
  @Column('integer') quantity!: number;
  @Column('integer', { name: 'unit_price_at_add' }) unitPriceAtAdd!: number;
  @Column('timestamptz', { name: 'added_at' }) addedAt!: Date;
}

@Entity('discounts')
export class DiscountOrmEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('text') code!: string;
  @Column('text') name!: string;
  @Column('text') type!: DiscountType;
  @Column('integer') value!: number;
  @Column('timestamptz', { name: 'valid_from', nullable: true }) validFrom!: Date | null;
  @Column('timestamptz', { name: 'valid_to', nullable: true }) validTo!: Date | null;
  @Column('boolean', { name: 'is_active' }) isActive!: boolean;
  @Column('integer', { name: 'min_subtotal' }) minSubtotal!: number;
  @Column('integer', { name: 'max_uses', nullable: true }) maxUses!: number | null;
  @Column('integer', { name: 'per_customer_limit', nullable: true }) perCustomerLimit!: number | null;
  @Column('text', { name: 'applies_to' }) appliesTo!: DiscountScope;
  @Column('integer', { name: 'times_used' }) timesUsed!: number;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt!: Date;
}

@Entity('discount_redemptions')
export class DiscountRedemptionOrmEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid', { name: 'discount_id' }) discountId!: string;
  @Column('text', { name: 'customer_key' }) customerKey!: string;
  @Column('uuid', { name: 'order_id' }) orderId!: string;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
}
