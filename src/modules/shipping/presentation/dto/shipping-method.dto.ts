import { ApiProperty } from '@nestjs/swagger';
import { BoolField, IntField, StringField } from '../../../../shared/presentation/fields';
import type { ShippingMethodView } from '../../application/manage-shipping-methods';

const CODE = /^[a-z0-9][a-z0-9-]{0,39}$/;
const MAX_PENCE = 100_000_000;

export class CreateShippingMethodDto {
  @StringField({ example: 'next-day', minLength: 1, maxLength: 40, pattern: CODE, description: 'What POST /orders names as shippingMethod (lower case, digits, -)' })
  readonly code!: string;
  @StringField({ example: 'Next working day', minLength: 1, maxLength: 120 }) readonly name!: string;
  @IntField({ example: 999, min: 0, max: MAX_PENCE, description: 'Pence, VAT included' }) readonly price!: number;
  @IntField({ example: 5000, min: 0, max: MAX_PENCE, optional: true, nullable: true, description: 'Free when the subtotal (before discount) is at least this many pence' })
  readonly freeOverSubtotal?: number | null;
  @IntField({ example: 1, min: 0, max: 60, description: 'Working days to arrive' }) readonly estimatedDays!: number;
  @BoolField({ example: true, optional: true }) readonly isActive?: boolean;
}

export class UpdateShippingMethodDto {
  @StringField({ example: 'Next working day (before 1pm)', minLength: 1, maxLength: 120, optional: true }) readonly name?: string;
  @IntField({ example: 899, min: 0, max: MAX_PENCE, optional: true }) readonly price?: number;
  @IntField({ example: 7500, min: 0, max: MAX_PENCE, optional: true, nullable: true, description: 'null: never free' }) readonly freeOverSubtotal?: number | null;
  @IntField({ example: 2, min: 0, max: 60, optional: true }) readonly estimatedDays?: number;
  @BoolField({ example: false, optional: true }) readonly isActive?: boolean;
}

export class ShippingMethodDto implements Readonly<ShippingMethodView> {
  @ApiProperty({ example: '2b4c6d8e-0f1a-4b3c-9d5e-7f8a9b0c1d2e', format: 'uuid' }) readonly id!: string;
  @ApiProperty({ example: 'next-day' }) readonly code!: string;
  @ApiProperty({ example: 'Next working day' }) readonly name!: string;
  @ApiProperty({ type: 'integer', example: 999, description: 'Pence, VAT included' }) readonly price!: number;
  @ApiProperty({ type: 'integer', example: null, nullable: true }) readonly freeOverSubtotal!: number | null;
  @ApiProperty({ type: 'integer', example: 1 }) readonly estimatedDays!: number;
  @ApiProperty({ example: true }) readonly isActive!: boolean;
  @ApiProperty({ example: '2026-11-26T09:30:00.000Z', format: 'date-time' }) readonly createdAt!: string;
  @ApiProperty({ example: '2026-11-26T09:30:00.000Z', format: 'date-time' }) readonly updatedAt!: string;
}
