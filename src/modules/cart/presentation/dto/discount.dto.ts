import { ApiProperty } from '@nestjs/swagger';
import { BoolField, BoolQuery, DateTimeField, EnumField, IntField, StringField } from '../../../../shared/presentation/fields';
import { PageQueryDto } from '../../../../shared/presentation/pagination';
import { CART_STATUSES, CartStatus } from '../../domain/cart';
import { DISCOUNT_SCOPES, DISCOUNT_TYPES, DiscountScope, DiscountType } from '../../domain/discount';
import { UuidField } from '../../../../shared/presentation/fields';

const CODE = /^[A-Za-z0-9_-]{3,40}$/;

export class CreateDiscountDto {
  @StringField({ example: 'SAVE10', minLength: 3, maxLength: 40, pattern: CODE, description: 'Case-insensitive, stored upper-case' }) readonly code!: string;
  @StringField({ example: 'Ten percent off everything', minLength: 1, maxLength: 120 }) readonly name!: string;
  @EnumField(DISCOUNT_TYPES, { example: 'percentage', enumName: 'DiscountType' }) readonly type!: DiscountType;
  @IntField({ example: 10, min: 1, max: 100_000_000, description: 'Percent (1-100) or pence' }) readonly value!: number;
  @DateTimeField({ example: '2026-11-01T00:00:00Z', optional: true, nullable: true }) readonly validFrom?: string | null;
  @DateTimeField({ example: '2027-01-01T00:00:00Z', optional: true, nullable: true }) readonly validTo?: string | null;
  @BoolField({ example: true, optional: true }) readonly isActive?: boolean;
  @IntField({ example: 2000, min: 0, max: 100_000_000, optional: true, description: 'Pence' }) readonly minSubtotal?: number;
  @IntField({ example: 100, min: 1, max: 10_000_000, optional: true, nullable: true }) readonly maxUses?: number | null;
  @IntField({ example: 1, min: 1, max: 1000, optional: true, nullable: true }) readonly perCustomerLimit?: number | null;
  @EnumField(DISCOUNT_SCOPES, { example: 'all', enumName: 'DiscountScope', optional: true }) readonly appliesTo?: DiscountScope;
}

export class UpdateDiscountDto {
  @StringField({ example: 'Ten percent off everything', minLength: 1, maxLength: 120, optional: true }) readonly name?: string;
  @EnumField(DISCOUNT_TYPES, { example: 'fixed', enumName: 'DiscountType', optional: true }) readonly type?: DiscountType;
  @IntField({ example: 500, min: 1, max: 100_000_000, optional: true }) readonly value?: number;
  @DateTimeField({ example: '2026-11-01T00:00:00Z', optional: true, nullable: true }) readonly validFrom?: string | null;
  @DateTimeField({ example: '2027-01-01T00:00:00Z', optional: true, nullable: true }) readonly validTo?: string | null;
  @BoolField({ example: false, optional: true }) readonly isActive?: boolean;
  @IntField({ example: 2000, min: 0, max: 100_000_000, optional: true }) readonly minSubtotal?: number;
  @IntField({ example: 100, min: 1, max: 10_000_000, optional: true, nullable: true }) readonly maxUses?: number | null;
  @IntField({ example: 1, min: 1, max: 1000, optional: true, nullable: true }) readonly perCustomerLimit?: number | null;
  @EnumField(DISCOUNT_SCOPES, { example: 'products', enumName: 'DiscountScope', optional: true }) readonly appliesTo?: DiscountScope;
}

export class DiscountQueryDto extends PageQueryDto {
  @BoolQuery({ example: true }) readonly isActive?: boolean;
}

export class CartQueryDto extends PageQueryDto {
  @EnumField(CART_STATUSES, { example: 'active', enumName: 'CartStatus', optional: true }) readonly status?: CartStatus;
  @UuidField({ example: '6f1c2b1e-8d4a-4a0e-9a51-3d2f0c9b7e11', optional: true }) readonly userId?: string;
}

export class DiscountDto {
  @ApiProperty({ example: '2b4d6f80-1a3c-4e5f-9a7b-0c1d2e3f4a5b', format: 'uuid' }) readonly id!: string;
  @ApiProperty({ example: 'SAVE10' }) readonly code!: string;
  @ApiProperty({ example: 'Ten percent off everything' }) readonly name!: string;
  @ApiProperty({ example: 'percentage', enum: DISCOUNT_TYPES, enumName: 'DiscountType' }) readonly type!: string;
  @ApiProperty({ type: 'integer', example: 10 }) readonly value!: number;
  @ApiProperty({ example: '2026-11-01T00:00:00.000Z', nullable: true, type: String }) readonly validFrom!: string | null;
  @ApiProperty({ example: '2027-01-01T00:00:00.000Z', nullable: true, type: String }) readonly validTo!: string | null;
  @ApiProperty({ example: true }) readonly isActive!: boolean;
  @ApiProperty({ type: 'integer', example: 2000 }) readonly minSubtotal!: number;
  @ApiProperty({ example: 100, nullable: true, type: 'integer' }) readonly maxUses!: number | null;
  @ApiProperty({ example: 1, nullable: true, type: 'integer' }) readonly perCustomerLimit!: number | null;
  @ApiProperty({ example: 'all', enum: DISCOUNT_SCOPES, enumName: 'DiscountScope' }) readonly appliesTo!: string;
  @ApiProperty({ type: 'integer', example: 3 }) readonly timesUsed!: number;
  @ApiProperty({ example: '2026-11-26T09:30:00.000Z', format: 'date-time' }) readonly createdAt!: string;
  @ApiProperty({ example: '2026-11-26T09:30:00.000Z', format: 'date-time' }) readonly updatedAt!: string;
}

export class CartSummaryDto {
  @ApiProperty({ example: '7d1e2f3a-4b5c-4d6e-8f90-a1b2c3d4e5f6', format: 'uuid' }) readonly id!: string;
  @ApiProperty({ example: '6f1c2b1e-8d4a-4a0e-9a51-3d2f0c9b7e11', nullable: true, type: String }) readonly userId!: string | null;
  @ApiProperty({ example: 'active', enum: CART_STATUSES, enumName: 'CartStatus' }) readonly status!: string;
  @ApiProperty({ type: 'integer', example: 3 }) readonly itemCount!: number;
  @ApiProperty({ example: 'SAVE10', nullable: true, type: String }) readonly discountCode!: string | null;
  @ApiProperty({ example: '2026-11-26T09:30:00.000Z', format: 'date-time' }) readonly createdAt!: string;
  @ApiProperty({ example: '2026-11-26T09:30:00.000Z', format: 'date-time' }) readonly updatedAt!: string;
}
