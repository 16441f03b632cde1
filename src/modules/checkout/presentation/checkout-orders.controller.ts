import { Body, Controller, Post } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor } from '../../../shared/domain/actor';
import { ApiProblems } from '../../../shared/presentation/api-problems';
import { CurrentUser, OptionalAuth, RequestHeader } from '../../../shared/presentation/auth.decorators';
import { ClientAddress } from '../../../shared/presentation/client-address';
import { Idempotent } from '../../../shared/presentation/idempotency.interceptor';
import { OrderDto, PlaceOrderDto } from '../../order/presentation/dto/order.dto';
import { Checkout } from '../application/checkout';

const ADDRESS = { name: 'Ann Smith', line1: '1 High Street', city: 'London', postcode: 'N1 1AA', country: 'GB' };
/** Whole bodies for Swagger UI's Try-it-out (field examples alone would invent cart line ids). */
const PLACE_ORDER_EXAMPLES = {
  products: { summary: 'The whole cart to a shipping address', value: { shippingAddress: ADDRESS, shippingMethod: 'standard' } },
  visit: {
    summary: 'A cart with a repair service: the visit too',
    value: { shippingAddress: ADDRESS, shippingMethod: 'standard', visit: { start: '2026-12-01T09:00:00Z', address: '1 High Street, London N1 1AA', notes: 'Parking at the back' } },
  },
};
const CART_TOKEN = { name: 'X-Cart-Token', required: false, description: 'Guest checkout: the anonymous cart to check out' };

/** POST orders: the order context's resource, created by the checkout (cart quote -> order -> visit hold). */
@ApiTags('orders')
@Controller('orders')
export class CheckoutOrdersController {
  constructor(private readonly checkout: Checkout) {}

  @Post()
  @OptionalAuth()
  @Idempotent()
  @ApiHeader(CART_TOKEN)
  @ApiOperation({ operationId: 'createOrder', summary: 'Check out the cart (or some of its lines) into an order' })
  @ApiProblems({ 404: 'Some cartItemIds, or the X-Cart-Token cart, do not exist', 409: 'Stock ran short, an item is no longer sold, the discount stopped applying, or the visit start was taken', 422: 'The cart is empty, or a shipping address, an email or a visit is missing' })
  // 400 also covers shippingMethod: missing for products, given for repair services only, unknown or inactive
  @ApiBody({ type: PlaceOrderDto, examples: PLACE_ORDER_EXAMPLES })
  @ApiCreatedResponse({ type: OrderDto })
  createOrder(
    @CurrentUser() actor: Actor | undefined,
    @RequestHeader('x-cart-token') cartToken: string | undefined,
    @Body() dto: PlaceOrderDto,
    @ClientAddress() clientAddress?: string,
  ): Promise<OrderDto> {
    return this.checkout.placeOrder({ actor, cartToken, ...dto, clientAddress });
  }
}
