import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { MovementReason } from '../domain/stock';

@Entity('categories')
export class CategoryOrmEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('text') slug!: string;
  @Column('text') name!: string;
  @Column('timestamptz', { name: 'created_at', default: () => 'now()' }) createdAt!: Date;
}

@Entity('products')
export class ProductOrmEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('text') name!: string;
  @Column('text') description!: string;
  @Column('integer') price!: number;
  @Column('uuid', { name: 'category_id' }) categoryId!: string;
  @Column('text', { name: 'image_url', nullable: true }) imageUrl!: string | null;
  @Column('boolean', { name: 'is_active' }) isActive!: boolean;
  @Column('uuid', { name: 'created_by', nullable: true }) createdBy!: string | null;
  @Column('uuid', { name: 'owner_id', nullable: true }) ownerId!: string | null;
  @Column('integer', { name: 'rating_count', default: 0 }) ratingCount!: number;
  @Column('integer', { name: 'rating_sum', default: 0 }) ratingSum!: number;
  @Column('numeric', { name: 'rating_avg', precision: 3, scale: 2, default: 0 }) ratingAvg!: string;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt!: Date;
}

@Entity('inventory')
export class InventoryOrmEntity {
  @PrimaryColumn('uuid', { name: 'product_id' }) productId!: string;
  @Column('integer', { name: 'on_hand' }) onHand!: number;
  @Column('integer') reserved!: number;
  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' }) updatedAt!: Date;
}

@Entity('stock_movements')
export class StockMovementOrmEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid', { name: 'product_id' }) productId!: string;
  @Column('integer', { name: 'on_hand_delta' }) onHandDelta!: number;
  @Column('integer', { name: 'reserved_delta' }) reservedDelta!: number;
  @Column('text') reason!: MovementReason;
  @Column('text', { name: 'reference_id', nullable: true }) referenceId!: string | null;
  @Column('text', { nullable: true }) note!: string | null;
  @Column('uuid', { name: 'actor_id', nullable: true }) actorId!: string | null;
  @Column('timestamptz', { name: 'created_at', default: () => 'now()' }) createdAt!: Date;
}

@Entity('service_types')
export class ServiceTypeOrmEntity {
  @PrimaryColumn('text') slug!: string;
  @Column('text') name!: string;
}

@Entity('services')
export class RepairServiceOrmEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('text') name!: string;
  @Column('text') description!: string;
  @Column('integer', { name: 'base_price' }) basePrice!: number;
  @Column('text', { name: 'service_type' }) serviceType!: string;
  @Column('integer', { name: 'duration_minutes' }) durationMinutes!: number;
  @Column('boolean', { name: 'is_active' }) isActive!: boolean;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt!: Date;
}

@Entity('reviews')
export class ReviewOrmEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid', { name: 'product_id' }) productId!: string;
  @Column('uuid', { name: 'user_id' }) userId!: string;
  @Column('smallint') rating!: number;
  @Column('text') comment!: string;
  @Column('boolean') verified!: boolean;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
}

@Entity('verified_purchases')
export class VerifiedPurchaseOrmEntity {
  @PrimaryColumn('uuid', { name: 'user_id' }) userId!: string;
  @PrimaryColumn('uuid', { name: 'product_id' }) productId!: string;
  @Column('uuid', { name: 'first_order_id' }) firstOrderId!: string;
}
