import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiOperation, ApiTags, ApiCreatedResponse } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Actor } from '../../../shared/domain/actor';
import { CurrentUser, OptionalAuth, RequestHeader } from '../../../shared/presentation/auth.decorators';
import { UuidParam } from '../../../shared/presentation/validation';
import { AddCartItem } from '../application/add-cart-item';
import { ApplyDiscount } from '../application/apply-discount';
import { CartCaller } from '../application/cart-access';
import { ChangeCartItem } from '../application/change-cart-item';
import { GetCart } from '../application/get-cart';
import { AddCartItemDto, ApplyDiscountDto, CartDto, CartQueryDto, UpdateCartItemDto } from './dto/cart.dto';
import { ApiProblems } from '../../../shared/presentation/api-problems';

export const CART_TOKEN_HEADER = 'x-cart-token';
export const CART_TOKEN_DOC = {
  name: 'X-Cart-Token',
  required: false,
  description: 'Anonymous cart token from the first cart write (ignored when signed in)',
};

/** The shopper's cart: signed in (bearer token) or anonymous (X-Cart-Token). */
@ApiTags('cart')
@Controller('cart')
@OptionalAuth()
@ApiHeader(CART_TOKEN_DOC)
export class CartController {
  constructor(
    private readonly getCart: GetCart,
    private readonly addItem: AddCartItem,
    private readonly changeItem: ChangeCartItem,
    private readonly discounts: ApplyDiscount,
  ) {}

  @Get()
  @ApiOperation({ operationId: 'getCart', summary: 'The cart, priced now, with warnings (price changes, stock, discount); with ?shippingMethod= its shipping too' })
  @ApiProblems({ 404: 'The X-Cart-Token names no open cart' })
  @ApiOkResponse({ type: CartDto })
  getCartView(@CurrentUser() actor: Actor | undefined, @Query() query: CartQueryDto, @RequestHeader(CART_TOKEN_HEADER) token?: string): Promise<CartDto> {
    return this.getCart.execute(caller(actor, token), query.shippingMethod);
  }

  @Post('items')
  @ApiOperation({ operationId: 'addCartItem', summary: 'Add a product or repair service (same item again raises its quantity)' })
  @ApiProblems({ 404: 'The product, service, or X-Cart-Token cart does not exist', 409: 'Not enough stock, or too many lines or units' })
  @ApiCreatedResponse({
    type: CartDto,
    description: 'A new anonymous cart also returns X-Cart-Token',
    headers: { 'X-Cart-Token': { $ref: '#/components/headers/CartToken' } },
  })
  async addCartItem(
    @CurrentUser() actor: Actor | undefined,
    @RequestHeader(CART_TOKEN_HEADER) token: string | undefined,
    @Body() dto: AddCartItemDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CartDto> {
    const view = await this.addItem.execute(caller(actor, token), dto);
    if (view.cartToken) reply.header('X-Cart-Token', view.cartToken);
    return view;
  }

  @Patch('items/:id')
  @ApiOperation({ operationId: 'updateCartItem', summary: "Set a line's quantity" })
  @ApiProblems({ 409: 'Not enough stock, or too many units' })
  @ApiOkResponse({ type: CartDto })
  updateCartItem(
    @CurrentUser() actor: Actor | undefined,
    @RequestHeader(CART_TOKEN_HEADER) token: string | undefined,
    @UuidParam('id') id: string,
    @Body() dto: UpdateCartItemDto,
  ): Promise<CartDto> {
    return this.changeItem.setQuantity(caller(actor, token), id, dto.quantity);
  }

  @Delete('items/:id')
  @ApiOperation({ operationId: 'removeCartItem', summary: 'Remove a line' })
  @ApiOkResponse({ type: CartDto })
  removeCartItem(@CurrentUser() actor: Actor | undefined, @RequestHeader(CART_TOKEN_HEADER) token: string | undefined, @UuidParam('id') id: string): Promise<CartDto> {
    return this.changeItem.remove(caller(actor, token), id);
  }

  @Post('discount')
  @HttpCode(200)
  @ApiOperation({ operationId: 'applyDiscount', summary: 'Apply a discount code, or learn precisely why it does not apply' })
  @ApiProblems({ 404: 'Unknown code, or the X-Cart-Token names no open cart', 422: 'The code does not apply now (reason says why: expired, minimum subtotal, ...)' })
  @ApiOkResponse({ type: CartDto })
  applyDiscount(@CurrentUser() actor: Actor | undefined, @RequestHeader(CART_TOKEN_HEADER) token: string | undefined, @Body() dto: ApplyDiscountDto): Promise<CartDto> {
    return this.discounts.apply(caller(actor, token), dto.code);
  }

  @Delete('discount')
  @ApiOperation({ operationId: 'removeDiscount', summary: 'Remove the discount code' })
  @ApiProblems({ 404: 'The X-Cart-Token names no open cart' })
  @ApiOkResponse({ type: CartDto })
  removeDiscount(@CurrentUser() actor: Actor | undefined, @RequestHeader(CART_TOKEN_HEADER) token?: string): Promise<CartDto> {
    return this.discounts.remove(caller(actor, token));
  }
}

export const caller = (actor: Actor | undefined, cartToken: string | undefined): CartCaller => ({ actor, cartToken });
