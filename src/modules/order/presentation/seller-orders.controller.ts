import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor } from '../../../shared/domain/actor';
import { Page } from '../../../shared/domain/page';
import { Authenticated, CurrentUser } from '../../../shared/presentation/auth.decorators';
import { ApiPageResponse } from '../../../shared/presentation/pagination';
import { SellerOrders } from '../application/seller-orders';
import { SellerOrderDto, SellerOrderQueryDto } from './dto/seller-order.dto';

@ApiTags('seller')
@Controller('seller/orders')
@Authenticated({ roles: ['seller'] })
export class SellerOrdersController {
  constructor(private readonly orders: SellerOrders) {}

  @Get()
  @ApiOperation({ operationId: 'listSellerOrders', summary: 'Orders holding your products, newest first, with only your lines' })
  @ApiPageResponse(SellerOrderDto)
  listSellerOrders(@CurrentUser() seller: Actor, @Query() query: SellerOrderQueryDto): Promise<Page<SellerOrderDto>> {
    return this.orders.list(seller, query);
  }
}
