import { ApiProperty } from '@nestjs/swagger';
import { EnumField } from '../../../../shared/presentation/fields';
import { PageQueryDto } from '../../../../shared/presentation/pagination';
import type { SellerOrderView } from '../../application/seller-orders';
import { ORDER_STATUSES, OrderStatus } from '../../domain/order-status';
import { ShippingAddressDto } from './order.dto';

export class SellerOrderQueryDto extends PageQueryDto {
  @EnumField(ORDER_STATUSES, { example: 'paid', enumName: 'OrderStatus', optional: true }) readonly status?: OrderStatus;
}

class SellerOrderItemDto implements Readonly<SellerOrderView['items'][number]> {
  @ApiProperty({ example: '5c0c2f0e-1d7e-4d33-8f0f-0c7f0b5a9e21', format: 'uuid' }) readonly id!: string;
  @ApiProperty({ example: '0b8f7a52-5f7e-4d0c-9a43-8a4f2b1c9d10', format: 'uuid' }) readonly productId!: string;
  @ApiProperty({ example: 'Drain pump for Bosch washers' }) readonly name!: string;
  @ApiProperty({ type: 'integer', example: 3499 }) readonly unitPrice!: number;
  @ApiProperty({ type: 'integer', example: 2 }) readonly quantity!: number;
  @ApiProperty({ type: 'integer', example: 6998 }) readonly lineTotal!: number;
}

/** An order as its seller sees it: their own lines only. */
export class SellerOrderDto implements Readonly<SellerOrderView> {
  @ApiProperty({ example: '8d3e5f70-9a1b-4c2d-8e3f-4a5b6c7d8e9f', format: 'uuid' }) readonly id!: string;
  @ApiProperty({ type: 'integer', example: 100001 }) readonly number!: number;
  @ApiProperty({ example: 'paid', enum: ORDER_STATUSES, enumName: 'OrderStatus' }) readonly status!: OrderStatus;
  @ApiProperty({ example: 'GBP' }) readonly currency!: string;
  @ApiProperty({ type: () => ShippingAddressDto, nullable: true }) readonly shippingAddress!: ShippingAddressDto | null;
  @ApiProperty({ example: '2026-11-26T09:30:00.000Z', format: 'date-time' }) readonly createdAt!: string;
  @ApiProperty({ type: () => SellerOrderItemDto, isArray: true, description: "Only your lines; other sellers' and the shop's are left out" })
  readonly items!: SellerOrderItemDto[];
  @ApiProperty({ type: 'integer', example: 6998, description: 'The sum of your lines (before any order-wide discount)' }) readonly itemsTotal!: number;
}
