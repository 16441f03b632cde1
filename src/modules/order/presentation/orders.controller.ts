import { Body, Controller, Get, Headers, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor } from '../../../shared/domain/actor';
import { Authenticated, CurrentUser, Public } from '../../../shared/presentation/auth.decorators';
import { ClientAddress } from '../../../shared/presentation/client-address';
import { Idempotent } from '../../../shared/presentation/idempotency.interceptor';
import { ApiPageResponse } from '../../../shared/presentation/pagination';
import { UuidParam } from '../../../shared/presentation/validation';
import { AddOrderItems } from '../application/add-order-items';
import { ChangeOrderStatus } from '../application/change-order-status';
import { PlaceOrder } from '../application/place-order';
import { ReadOrders } from '../application/read-orders';
import { AddOrderItemsDto, CancelOrderDto, ChangeOrderStatusDto, OrderDto, OrderHistoryDto, OrderQueryDto, PlaceOrderDto } from './dto/order.dto';

const ORDER_TOKEN = { name: 'X-Order-Token', required: false, description: 'Guest orders: the accessToken returned at checkout' };
const CART_TOKEN = { name: 'X-Cart-Token', required: false, description: 'Guest checkout: the anonymous cart to check out' };

@ApiTags('orders')
@Controller('orders')
export class OrdersController {
  constructor(
    private readonly placeOrder: PlaceOrder,
    private readonly read: ReadOrders,
    private readonly addItems: AddOrderItems,
    private readonly status: ChangeOrderStatus,
  ) {}

  @Post()
  @Public()
  @Idempotent()
  @ApiHeader(CART_TOKEN)
  @ApiOperation({ operationId: 'createOrder', summary: 'Check out the cart (or some of its lines) into an order' })
  @ApiCreatedResponse({ type: OrderDto })
  createOrder(
    @CurrentUser() actor: Actor | undefined,
    @Headers('x-cart-token') cartToken: string | undefined,
    @Body() dto: PlaceOrderDto,
    @ClientAddress() clientAddress?: string,
  ) {
    return this.placeOrder.execute({ actor, cartToken, ...dto, clientAddress });
  }

  @Get()
  @Authenticated()
  @ApiOperation({ operationId: 'listOrders', summary: 'Your orders (admins: all, filterable by user)' })
  @ApiPageResponse(OrderDto)
  listOrders(@CurrentUser() actor: Actor, @Query() query: OrderQueryDto) {
    return this.read.list(actor, query);
  }

  @Get(':id')
  @Public()
  @ApiHeader(ORDER_TOKEN)
  @ApiOperation({ operationId: 'getOrder', summary: 'An order (owner, admin, or a guest with X-Order-Token)' })
  @ApiOkResponse({ type: OrderDto })
  getOrder(@UuidParam('id') id: string, @CurrentUser() actor: Actor | undefined, @Headers('x-order-token') orderToken?: string) {
    return this.read.get(id, { actor, orderToken });
  }

  @Get(':id/history')
  @Public()
  @ApiHeader(ORDER_TOKEN)
  @ApiOperation({ operationId: 'getOrderHistory', summary: 'Every status change: from, to, when, by whom' })
  @ApiOkResponse({ type: OrderHistoryDto, isArray: true })
  getOrderHistory(@UuidParam('id') id: string, @CurrentUser() actor: Actor | undefined, @Headers('x-order-token') orderToken?: string) {
    return this.read.history(id, { actor, orderToken });
  }

  @Post(':id/items')
  @Public()
  @HttpCode(200)
  @ApiHeader(ORDER_TOKEN)
  @ApiOperation({ operationId: 'addOrderItems', summary: 'Add products to a pending order' })
  @ApiOkResponse({ type: OrderDto })
  addOrderItems(
    @UuidParam('id') id: string,
    @CurrentUser() actor: Actor | undefined,
    @Headers('x-order-token') orderToken: string | undefined,
    @Body() dto: AddOrderItemsDto,
  ) {
    return this.addItems.execute(id, { actor, orderToken }, dto.items);
  }

  @Patch(':id/status')
  @Authenticated({ roles: ['admin'] })
  @ApiOperation({ operationId: 'updateOrderStatus', summary: 'Move an order along its state machine (admin)' })
  @ApiOkResponse({ type: OrderDto })
  updateOrderStatus(@CurrentUser() actor: Actor, @UuidParam('id') id: string, @Body() dto: ChangeOrderStatusDto) {
    return this.status.setStatus(actor, id, dto.status, dto.note ?? null);
  }

  @Post(':id/cancel')
  @Public()
  @HttpCode(200)
  @ApiHeader(ORDER_TOKEN)
  @ApiOperation({ operationId: 'cancelOrder', summary: 'Cancel a pending or paid order (owner or admin); stock is released and a payment refunded' })
  @ApiOkResponse({ type: OrderDto })
  cancelOrder(
    @UuidParam('id') id: string,
    @CurrentUser() actor: Actor | undefined,
    @Headers('x-order-token') orderToken: string | undefined,
    @Body() dto: CancelOrderDto,
  ) {
    return this.status.cancel(id, { actor, orderToken }, dto.reason ?? null);
  }
}
