import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ORDER_STATUSES, OrderStatus } from '../../domain/order-status';
import { ORDER_PAYMENT_STATUSES, OrderPaymentStatus } from '../../domain/payment-state';
import type { HistoryView, OrderView } from '../../application/order.views';
import { DateTimeField, EmailField, EnumField, IntField, NestedField, StringField, UuidArrayField, UuidField } from '../../../../shared/presentation/fields';
import { PageQueryDto } from '../../../../shared/presentation/pagination';

export class ShippingAddressDto {
  @StringField({ example: 'Ann Smith', minLength: 1, maxLength: 120 }) readonly name!: string;
  @StringField({ example: '1 High Street', minLength: 1, maxLength: 200 }) readonly line1!: string;
  @StringField({ example: 'Flat 2', maxLength: 200, optional: true }) readonly line2?: string;
  @StringField({ example: 'London', minLength: 1, maxLength: 100 }) readonly city!: string;
  @StringField({ example: 'N1 1AA', minLength: 2, maxLength: 12 }) readonly postcode!: string;
  @StringField({ example: 'GB', minLength: 2, maxLength: 2, pattern: /^[A-Z]{2}$/, description: 'ISO 3166-1 alpha-2' }) readonly country!: string;
}

export class VisitDto {
  @DateTimeField({ example: '2026-12-01T09:00:00Z', description: 'Start of the visit, on the availability grid' }) readonly start!: string;
  @StringField({ example: '221B Baker Street, London NW1 6XE', minLength: 5, maxLength: 500 }) readonly address!: string;
  @StringField({ example: 'Washer leaks from the door; parking at the back', maxLength: 1000, optional: true }) readonly notes?: string;
}

export class PlaceOrderDto {
  @UuidArrayField({ example: ['5c0c2f0e-1d7e-4d33-8f0f-0c7f0b5a9e21'], maxItems: 50, optional: true, description: 'Only these cart lines (default: the whole cart)' })
  readonly cartItemIds?: string[];
  @NestedField(() => ShippingAddressDto, { optional: true, description: 'Required when the order has products' })
  readonly shippingAddress?: ShippingAddressDto;
  @StringField({ example: 'standard', minLength: 1, maxLength: 40, optional: true, description: 'A shipping method code (GET shipping-methods): required when the order has products, refused for repair services only' })
  readonly shippingMethod?: string;
  @EmailField({ example: 'guest@example.com', optional: true, description: 'Contact email; required for guest checkout' }) readonly email?: string;
  @NestedField(() => VisitDto, { optional: true, description: 'Required when the cart has repair services' }) readonly visit?: VisitDto;
}

export class OrderItemInputDto {
  @UuidField({ example: '0b8f7a52-5f7e-4d0c-9a43-8a4f2b1c9d10' }) readonly productId!: string;
  @IntField({ example: 1, min: 1, max: 99 }) readonly quantity!: number;
}

export class AddOrderItemsDto {
  @NestedField(() => OrderItemInputDto, { example: [{ productId: '0b8f7a52-5f7e-4d0c-9a43-8a4f2b1c9d10', quantity: 1 }], isArray: true, maxItems: 20 })
  readonly items!: OrderItemInputDto[];
}

export class OrderQueryDto extends PageQueryDto {
  @EnumField(ORDER_STATUSES, { example: 'paid', enumName: 'OrderStatus', optional: true }) readonly status?: OrderStatus;
  @UuidField({ example: '6f1c2b1e-8d4a-4a0e-9a51-3d2f0c9b7e11', optional: true, description: 'Admins only' }) readonly userId?: string;
}

export class ChangeOrderStatusDto {
  @EnumField(ORDER_STATUSES, { example: 'shipped', enumName: 'OrderStatus' }) readonly status!: OrderStatus;
  @StringField({ example: 'Left with a neighbour at no. 3', maxLength: 500, optional: true }) readonly note?: string;
  @StringField({ example: 'DPD', minLength: 1, maxLength: 60, optional: true, description: 'Only with status shipped' }) readonly carrier?: string;
  @StringField({ example: '15501234567890', minLength: 1, maxLength: 100, optional: true, description: 'Only with status shipped' }) readonly trackingNumber?: string;
}

export class CancelOrderDto {
  @StringField({ example: 'Ordered the wrong part', maxLength: 500, optional: true }) readonly reason?: string;
}

class OrderItemDto implements Readonly<OrderView['items'][number]> {
  @ApiProperty({ example: '5c0c2f0e-1d7e-4d33-8f0f-0c7f0b5a9e21', format: 'uuid' }) readonly id!: string;
  @ApiProperty({ example: 'product', enum: ['product', 'service'], enumName: 'ItemKind' }) readonly kind!: 'product' | 'service';
  @ApiProperty({ example: '0b8f7a52-5f7e-4d0c-9a43-8a4f2b1c9d10', nullable: true, type: String, format: 'uuid' }) readonly productId!: string | null;
  @ApiProperty({ example: null, nullable: true, type: String, format: 'uuid' }) readonly serviceId!: string | null;
  @ApiProperty({ example: 'Drain pump for Bosch washers' }) readonly name!: string;
  @ApiProperty({ type: 'integer', example: 3499 }) readonly unitPrice!: number;
  @ApiProperty({ type: 'integer', example: 2 }) readonly quantity!: number;
  @ApiProperty({ type: 'integer', example: 6998 }) readonly lineTotal!: number;
  @ApiProperty({ type: 'integer', example: 20, description: 'VAT rate in percent, as when the line was ordered' }) readonly vatRate!: number;
  @ApiProperty({ type: 'integer', example: 1050, description: 'VAT included in the line after its share of the discount (rounded half up)' }) readonly vatAmount!: number;
}

class OrderShippingMethodDto implements Readonly<NonNullable<OrderView['shippingMethod']>> {
  @ApiProperty({ example: 'standard' }) readonly code!: string;
  @ApiProperty({ example: 'Standard delivery' }) readonly name!: string;
}

class CreditNoteRefDto implements Readonly<OrderView['creditNotes'][number]> {
  @ApiProperty({ example: 'CN-000001' }) readonly number!: string;
  @ApiProperty({ type: 'integer', example: 6298, description: 'Pence refunded, VAT included' }) readonly amount!: number;
  @ApiProperty({ example: '2026-11-27T10:00:00.000Z', format: 'date-time' }) readonly issuedAt!: string;
}

class OrderDiscountDto implements Readonly<NonNullable<OrderView['discount']>> {
  @ApiProperty({ example: 'SAVE10' }) readonly code!: string;
  @ApiProperty({ type: 'integer', example: 700 }) readonly amount!: number;
}

class VisitPartsLinkDto {
  @ApiProperty({ example: '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d', format: 'uuid' }) readonly bookingId!: string;
  @ApiProperty({ example: '8d3e5f70-9a1b-4c2d-8e3f-4a5b6c7d8e9f', format: 'uuid' }) readonly originalOrderId!: string;
}

/** The one declaration of an order on the wire: the controller returns it, the view must match it. */
export class OrderDto implements Readonly<OrderView> {
  @ApiProperty({ example: '8d3e5f70-9a1b-4c2d-8e3f-4a5b6c7d8e9f', format: 'uuid' }) readonly id!: string;
  @ApiProperty({ type: 'integer', example: 100001, description: 'Sequential number for humans' }) readonly number!: number;
  @ApiProperty({ example: 'pending', enum: ORDER_STATUSES, enumName: 'OrderStatus' }) readonly status!: OrderStatus;
  @ApiProperty({ example: '6f1c2b1e-8d4a-4a0e-9a51-3d2f0c9b7e11', nullable: true, type: String }) readonly userId!: string | null;
  @ApiProperty({ example: null, nullable: true, type: String }) readonly guestEmail!: string | null;
  @ApiProperty({ example: 'GBP' }) readonly currency!: string;
  @ApiProperty({ type: () => OrderItemDto, isArray: true }) readonly items!: OrderItemDto[];
  @ApiProperty({ type: 'integer', example: 6998 }) readonly subtotal!: number;
  @ApiProperty({ type: () => OrderDiscountDto, nullable: true }) readonly discount!: OrderDiscountDto | null;
  @ApiProperty({ type: () => OrderShippingMethodDto, nullable: true, description: 'As chosen at checkout; null when nothing ships' })
  readonly shippingMethod!: OrderShippingMethodDto | null;
  @ApiProperty({ type: 'integer', example: 0, description: 'Shipping charged (0 over the free threshold); a discount never reduces it' }) readonly shipping!: number;
  @ApiProperty({ type: 'integer', example: 6298, description: 'subtotal - discount + shipping' }) readonly total!: number;
  @ApiProperty({ type: 'integer', example: 1050, description: 'VAT included in the total (lines and shipping)' }) readonly vatTotal!: number;
  @ApiProperty({ type: 'integer', example: 5248, description: 'The total without VAT' }) readonly netTotal!: number;
  @ApiProperty({ type: () => ShippingAddressDto, nullable: true }) readonly shippingAddress!: ShippingAddressDto | null;
  @ApiProperty({ example: 'DPD', nullable: true, type: String, description: 'Given when the order was marked shipped' }) readonly carrier!: string | null;
  @ApiProperty({ example: '15501234567890', nullable: true, type: String, description: 'Given when the order was marked shipped' }) readonly trackingNumber!: string | null;
  @ApiProperty({ example: 'INV-000001', nullable: true, type: String, description: 'Issued when the order was paid (GET orders/{id}/invoice)' }) readonly invoiceNumber!: string | null;
  @ApiProperty({ type: () => CreditNoteRefDto, isArray: true, description: 'One per refund (GET orders/{id}/credit-note)' }) readonly creditNotes!: CreditNoteRefDto[];
  @ApiProperty({ type: () => VisitPartsLinkDto, nullable: true, description: 'Set on an order for parts fitted on a repair visit' })
  readonly visitParts!: VisitPartsLinkDto | null;
  @ApiProperty({ example: ['paid', 'cancelled'], enum: ORDER_STATUSES, enumName: 'OrderStatus', isArray: true }) readonly allowedTransitions!: OrderStatus[];
  @ApiProperty({ example: 'failed', enum: ORDER_PAYMENT_STATUSES, enumName: 'OrderPaymentStatus', description: 'From the payment attempts: a checkout page needs nothing else' })
  readonly paymentStatus!: OrderPaymentStatus;
  @ApiProperty({ example: null, nullable: true, type: String, format: 'date-time', description: 'When the order became paid' }) readonly paidAt!: string | null;
  @ApiProperty({ example: 'Your card was declined.', nullable: true, type: String, description: 'Why the last payment attempt failed (paymentStatus failed)' })
  readonly lastPaymentError!: string | null;
  @ApiProperty({ example: '2026-11-26T09:30:00.000Z', format: 'date-time' }) readonly createdAt!: string;
  @ApiProperty({ example: '2026-11-26T09:30:00.000Z', format: 'date-time' }) readonly updatedAt!: string;
  @ApiPropertyOptional({ example: 'Zk3n...', description: 'Guest orders only, once: send it as X-Order-Token to read or pay the order' })
  readonly accessToken?: string;
  @ApiPropertyOptional({ example: '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d', format: 'uuid', description: 'The booked visit, when the order has repair services' })
  readonly bookingId?: string;
}

export class OrderHistoryDto implements Readonly<HistoryView> {
  @ApiProperty({ example: 'pending', nullable: true, enum: ORDER_STATUSES, enumName: 'OrderStatus' }) readonly from!: OrderStatus | null;
  @ApiProperty({ example: 'paid', enum: ORDER_STATUSES, enumName: 'OrderStatus' }) readonly to!: OrderStatus;
  @ApiProperty({ example: '2026-11-26T09:31:00.000Z', format: 'date-time' }) readonly at!: string;
  @ApiProperty({ example: null, nullable: true, type: String }) readonly actorId!: string | null;
  @ApiProperty({ example: 'system', enum: ['customer', 'technician', 'admin', 'system'] }) readonly actorRole!: string;
  @ApiProperty({ example: 'payment captured', nullable: true, type: String }) readonly note!: string | null;
  @ApiProperty({ example: null, nullable: true, type: String, description: 'On the move to shipped' }) readonly carrier!: string | null;
  @ApiProperty({ example: null, nullable: true, type: String, description: 'On the move to shipped' }) readonly trackingNumber!: string | null;
}
