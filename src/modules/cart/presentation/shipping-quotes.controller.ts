import { Controller, Get } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor } from '../../../shared/domain/actor';
import { ApiProblems } from '../../../shared/presentation/api-problems';
import { CurrentUser, OptionalAuth, RequestHeader } from '../../../shared/presentation/auth.decorators';
import { ShippingQuotes } from '../application/shipping-quotes';
import { CART_TOKEN_DOC, CART_TOKEN_HEADER, caller } from './cart.controller';
import { ShippingQuoteDto } from './dto/cart.dto';

/** Lives with the cart: each method is priced for the caller's cart (signed in, or X-Cart-Token). */
@ApiTags('cart')
@Controller('shipping-methods')
export class ShippingQuotesController {
  constructor(private readonly quotes: ShippingQuotes) {}

  @Get()
  @OptionalAuth()
  @ApiHeader(CART_TOKEN_DOC)
  @ApiOperation({ operationId: 'listShippingMethods', summary: "The shipping methods on offer, each priced for the caller's current cart" })
  @ApiProblems({ 404: 'The X-Cart-Token names no open cart' })
  @ApiOkResponse({ type: ShippingQuoteDto, isArray: true })
  listShippingMethods(@CurrentUser() actor: Actor | undefined, @RequestHeader(CART_TOKEN_HEADER) token?: string): Promise<ShippingQuoteDto[]> {
    return this.quotes.list(caller(actor, token));
  }
}
