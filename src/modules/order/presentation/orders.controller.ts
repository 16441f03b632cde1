import { Body, Controller, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor } from '../../../shared/domain/actor';
import { Page } from '../../../shared/domain/page';
import { Authenticated, CurrentUser, OptionalAuth, RequestHeader } from '../../../shared/presentation/auth.decorators';
import { ApiPageResponse } from '../../../shared/presentation/pagination';
import { UuidParam } from '../../../shared/presentation/validation';
import { AddOrderItems } from '../application/add-order-items';
import { ChangeOrderStatus } from '../application/change-order-status';
import { ReadOrders } from '../application/read-orders';
import { AddOrderItemsDto, CancelOrderDto, ChangeOrderStatusDto, OrderDto, OrderHistoryDto, OrderQueryDto } from './dto/order.dto';
import { ApiProblems } from '../../../shared/presentation/api-problems';

const ORDER_TOKEN = { name: 'X-Order-Token', required: false, description: 'Guest orders: the accessToken returned at checkout' };

@ApiTags('orders')
@Controller('orders')
export class OrdersController {
  constructor(
    private readonly read: ReadOrders,
    private readonly addItems: AddOrderItems,
    private readonly status: ChangeOrderStatus,
  ) {}

  @Get()
  @Authenticated()
  @ApiOperation({ operationId: 'listOrders', summary: 'Your orders (admins: all, filterable by user)' })
  @ApiPageResponse(OrderDto)
  listOrders(@CurrentUser() actor: Actor, @Query() query: OrderQueryDto): Promise<Page<OrderDto>> {
    return this.read.list(actor, query);
  }

  @Get(':id')
  @OptionalAuth()
  @ApiHeader(ORDER_TOKEN)
  @ApiOperation({ operationId: 'getOrder', summary: 'An order (owner, admin, or a guest with X-Order-Token)' })
  @ApiOkResponse({ type: OrderDto })
  getOrder(@UuidParam('id') id: string, @CurrentUser() actor: Actor | undefined, @RequestHeader('x-order-token') orderToken?: string): Promise<OrderDto> {
    return this.read.get(id, { actor, orderToken });
  }

  @Get(':id/history')
  @OptionalAuth()
  @ApiHeader(ORDER_TOKEN)
  @ApiOperation({ operationId: 'getOrderHistory', summary: 'Every status change: from, to, when, by whom' })
  @ApiOkResponse({ type: OrderHistoryDto, isArray: true })
  getOrderHistory(@UuidParam('id') id: string, @CurrentUser() actor: Actor | undefined, @RequestHeader('x-order-token') orderToken?: string): Promise<OrderHistoryDto[]> {
    return this.read.history(id, { actor, orderToken });
  }

  @Post(':id/items')
  @OptionalAuth()
  @HttpCode(200)
  @ApiHeader(ORDER_TOKEN)
  @ApiOperation({ operationId: 'addOrderItems', summary: 'Add products to a pending order' })
  @ApiProblems({ 409: 'The order is no longer pending, or stock ran short', 422: 'An item cannot be added' })
  @ApiOkResponse({ type: OrderDto })
  addOrderItems(
    @UuidParam('id') id: string,
    @CurrentUser() actor: Actor | undefined,
    @RequestHeader('x-order-token') orderToken: string | undefined,
    @Body() dto: AddOrderItemsDto,
  ): Promise<OrderDto> {
    return this.addItems.execute(id, { actor, orderToken }, dto.items);
  }

  @Patch(':id/status')
  @Authenticated({ roles: ['admin'] })
  @ApiOperation({ operationId: 'updateOrderStatus', summary: 'Move an order along its state machine (admin)' })
  @ApiProblems({ 409: 'The order cannot move to that status (allowed lists what can)', 422: 'That status is set by payments, not by hand' })
  @ApiOkResponse({ type: OrderDto })
  updateOrderStatus(@CurrentUser() actor: Actor, @UuidParam('id') id: string, @Body() dto: ChangeOrderStatusDto): Promise<OrderDto> {
    return this.status.setStatus(actor, id, dto.status, dto.note ?? null, { carrier: dto.carrier ?? null, trackingNumber: dto.trackingNumber ?? null });
  }

  @Post(':id/cancel')
  @OptionalAuth()
  @HttpCode(200)
  @ApiHeader(ORDER_TOKEN)
  @ApiOperation({ operationId: 'cancelOrder', summary: 'Cancel a pending or paid order (owner or admin); stock is released and a payment refunded' })
  @ApiProblems({ 403: 'Technicians cannot cancel orders', 409: 'The order can no longer be cancelled' })
  @ApiOkResponse({ type: OrderDto })
  cancelOrder(
    @UuidParam('id') id: string,
    @CurrentUser() actor: Actor | undefined,
    @RequestHeader('x-order-token') orderToken: string | undefined,
    @Body() dto: CancelOrderDto,
  ): Promise<OrderDto> {
    return this.status.cancel(id, { actor, orderToken }, dto.reason ?? null);
  }
}
