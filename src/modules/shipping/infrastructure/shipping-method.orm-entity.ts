import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('shipping_methods')
export class ShippingMethodOrmEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('text') code!: string;
  @Column('text') name!: string;
  @Column('integer') price!: number;
  @Column('integer', { name: 'free_over_subtotal', nullable: true }) freeOverSubtotal!: number | null;
  @Column('integer', { name: 'estimated_days' }) estimatedDays!: number;
  @Column('boolean', { name: 'is_active' }) isActive!: boolean;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt!: Date;
}
