import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IntField, StringField, UuidField } from '../../../../shared/presentation/fields';
import { CART_STATUSES, CartStatus, ItemKind, MAX_LINE_QUANTITY } from '../../domain/cart';
import type { CartLineView, CartView, CartWarning, CartWarningCode } from '../../application/cart.views';
import type { ShippingQuoteView } from '../../application/shipping-quotes';
import { DISCOUNT_REFUSALS, DiscountRefusal } from '../../domain/discount';

export class AddCartItemDto {
  @UuidField({ example: '0b8f7a52-5f7e-4d0c-9a43-8a4f2b1c9d10', optional: true, description: 'Exactly one of productId or serviceId' })
  readonly productId?: string;

  @UuidField({ example: '3f5e8a7b-2c1d-4e9f-8a7b-6c5d4e3f2a1b', optional: true, description: 'Exactly one of productId or serviceId' })
  readonly serviceId?: string;

  @IntField({ example: 1, min: 1, max: MAX_LINE_QUANTITY }) readonly quantity!: number;
}

export class UpdateCartItemDto {
  @IntField({ example: 2, min: 1, max: MAX_LINE_QUANTITY }) readonly quantity!: number;
}

export class ApplyDiscountDto {
  @StringField({ example: 'SAVE10', minLength: 1, maxLength: 40 }) readonly code!: string;
}

class CartLineDto implements Readonly<CartLineView> {
  @ApiProperty({ example: '5c0c2f0e-1d7e-4d33-8f0f-0c7f0b5a9e21', format: 'uuid' }) readonly id!: string;
  @ApiProperty({ example: 'product', enum: ['product', 'service'], enumName: 'ItemKind' }) readonly kind!: ItemKind;
  @ApiProperty({ example: '0b8f7a52-5f7e-4d0c-9a43-8a4f2b1c9d10', nullable: true, type: String }) readonly productId!: string | null;
  @ApiProperty({ example: null, nullable: true, type: String }) readonly serviceId!: string | null;
  @ApiProperty({ example: 'Drain pump for Bosch washers' }) readonly name!: string;
  @ApiProperty({ type: 'integer', example: 3499, description: 'Current unit price in pence' }) readonly unitPrice!: number;
  @ApiProperty({ type: 'integer', example: 2 }) readonly quantity!: number;
  @ApiProperty({ type: 'integer', example: 6998 }) readonly lineTotal!: number;
  @ApiProperty({ type: 'integer', example: 20, description: "VAT rate in percent (the category's own rate, else the standard rate)" }) readonly vatRate!: number;
  @ApiProperty({ type: 'integer', example: 1050, description: 'VAT included in the line after its share of the discount, rounded half up; 0 for a line not counted' })
  readonly vatAmount!: number;
  @ApiProperty({ example: 12, nullable: true, type: 'integer' }) readonly available!: number | null;
  @ApiProperty({ example: true }) readonly purchasable!: boolean;
  @ApiProperty({ example: '2026-11-26T09:30:00.000Z', format: 'date-time' }) readonly addedAt!: string;
}

class CartDiscountDto implements Readonly<NonNullable<CartView['discount']>> {
  @ApiProperty({ example: 'SAVE10' }) readonly code!: string;
  @ApiProperty({ type: 'integer', example: 700 }) readonly amount!: number;
}

class CartWarningDto implements Readonly<CartWarning> {
  @ApiProperty({ example: 'price_changed', enum: ['price_changed', 'unavailable', 'insufficient_stock', 'discount_not_applicable'], enumName: 'CartWarningCode' })
  readonly code!: CartWarningCode;
  @ApiProperty({ example: 'Drain pump: price changed from £34.99 to £32.99' }) readonly message!: string;
  @ApiPropertyOptional({ example: '5c0c2f0e-1d7e-4d33-8f0f-0c7f0b5a9e21' }) readonly itemId?: string;
  @ApiPropertyOptional({ example: 'expired', enum: DISCOUNT_REFUSALS, enumName: 'DiscountRefusal', description: 'discount_not_applicable: why' }) readonly reason?: DiscountRefusal;
}

/** The one declaration of a cart on the wire: the controller returns it, the view must match it. */
export class CartDto implements Readonly<CartView> {
  @ApiProperty({ example: '7d1e2f3a-4b5c-4d6e-8f90-a1b2c3d4e5f6', nullable: true, type: String, description: 'null until the first item is added' })
  readonly id!: string | null;
  @ApiProperty({ example: 'active', enum: CART_STATUSES, enumName: 'CartStatus' }) readonly status!: CartStatus;
  @ApiProperty({ type: () => CartLineDto, isArray: true }) readonly items!: CartLineDto[];
  @ApiProperty({ type: 'integer', example: 3 }) readonly itemCount!: number;
  @ApiProperty({ type: 'integer', example: 6998 }) readonly subtotal!: number;
  @ApiProperty({ type: () => CartDiscountDto, nullable: true }) readonly discount!: CartDiscountDto | null;
  @ApiProperty({ example: 'standard', nullable: true, type: String, description: 'The method named by ?shippingMethod= when the cart has products; null otherwise' })
  readonly shippingMethod!: string | null;
  @ApiProperty({ type: 'integer', example: 499, description: 'Shipping for the chosen method (0 when none is chosen); a discount never reduces it' }) readonly shipping!: number;
  @ApiProperty({ type: 'integer', example: 6797, description: 'subtotal - discount + shipping' }) readonly total!: number;
  @ApiProperty({ type: 'integer', example: 1133, description: 'VAT included in the total (lines and shipping)' }) readonly vatTotal!: number;
  @ApiProperty({ type: 'integer', example: 5664, description: 'The total without VAT' }) readonly netTotal!: number;
  @ApiProperty({ example: 'GBP' }) readonly currency!: string;
  @ApiProperty({ type: () => CartWarningDto, isArray: true }) readonly warnings!: CartWarningDto[];
  @ApiPropertyOptional({ example: 'kq3n3d0sVZbq9y4l0dJ8m6m9Qy7pTq2z6g3x1c5v8b0', description: 'Only when this call created an anonymous cart' })
  readonly cartToken?: string;
}

export class CartQueryDto {
  @StringField({ example: 'standard', minLength: 1, maxLength: 40, optional: true, description: 'Price the cart with this shipping method (see GET shipping-methods)' })
  readonly shippingMethod?: string;
}

export class ShippingQuoteDto implements Readonly<ShippingQuoteView> {
  @ApiProperty({ example: 'standard', description: 'What POST /orders takes as shippingMethod' }) readonly code!: string;
  @ApiProperty({ example: 'Standard delivery' }) readonly name!: string;
  @ApiProperty({ type: 'integer', example: 499, description: "The method's price in pence, VAT included" }) readonly price!: number;
  @ApiProperty({ type: 'integer', example: 5000, nullable: true, description: 'Free when the subtotal (before discount) is at least this' }) readonly freeOverSubtotal!: number | null;
  @ApiProperty({ type: 'integer', example: 3, description: 'Working days to arrive' }) readonly estimatedDays!: number;
  @ApiProperty({ type: 'integer', example: 0, description: "What it costs for the caller's current cart" }) readonly priceForCart!: number;
}
