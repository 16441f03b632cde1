import { ApiProperty } from '@nestjs/swagger';
import { EnumField, IntField, StringField } from '../../../../shared/presentation/fields';
import { MANUAL_REASONS, ManualReason, MAX_STOCK_DELTA, MOVEMENT_REASONS } from '../../domain/stock';

export class AdjustInventoryDto {
  @IntField({ example: 10, min: -MAX_STOCK_DELTA, max: MAX_STOCK_DELTA, description: 'Change of units on hand (not 0)' }) readonly delta!: number;
  @EnumField(MANUAL_REASONS, { example: 'restock', enumName: 'ManualStockReason' }) readonly reason!: ManualReason;
  @StringField({ example: 'Delivery from supplier #4411', maxLength: 500, optional: true }) readonly note?: string;
}

export class InventoryDto {
  @ApiProperty({ example: '0b8f7a52-5f7e-4d0c-9a43-8a4f2b1c9d10', format: 'uuid' }) readonly productId!: string;
  @ApiProperty({ type: 'integer', example: 20 }) readonly onHand!: number;
  @ApiProperty({ type: 'integer', example: 3 }) readonly reserved!: number;
  @ApiProperty({ type: 'integer', example: 17, description: 'onHand - reserved' }) readonly available!: number;
}

export class StockMovementDto {
  @ApiProperty({ example: '5c0c2f0e-1d7e-4d33-8f0f-0c7f0b5a9e21', format: 'uuid' }) readonly id!: string;
  @ApiProperty({ example: '0b8f7a52-5f7e-4d0c-9a43-8a4f2b1c9d10', format: 'uuid' }) readonly productId!: string;
  @ApiProperty({ example: 'reservation', enum: MOVEMENT_REASONS, enumName: 'StockMovementReason' }) readonly reason!: string;
  @ApiProperty({ type: 'integer', example: -2, description: 'Change of available units' }) readonly delta!: number;
  @ApiProperty({ type: 'integer', example: 0 }) readonly onHandDelta!: number;
  @ApiProperty({ type: 'integer', example: 2 }) readonly reservedDelta!: number;
  @ApiProperty({ example: 'order:8d3e...', nullable: true, type: String }) readonly referenceId!: string | null;
  @ApiProperty({ example: 'Delivery from supplier #4411', nullable: true, type: String }) readonly note!: string | null;
  @ApiProperty({ example: '6f1c2b1e-8d4a-4a0e-9a51-3d2f0c9b7e11', nullable: true, type: String }) readonly actorId!: string | null;
  @ApiProperty({ example: '2026-11-26T09:30:00.000Z', format: 'date-time' }) readonly createdAt!: string;
}
