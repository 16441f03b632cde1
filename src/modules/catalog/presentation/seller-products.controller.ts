import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor } from '../../../shared/domain/actor';
import { Page } from '../../../shared/domain/page';
import { Authenticated, CurrentUser } from '../../../shared/presentation/auth.decorators';
import { ApiPageResponse } from '../../../shared/presentation/pagination';
import { SellerProducts } from '../application/seller-products';
import { SellerProductDto, SellerProductQueryDto } from './dto/product.dto';

@ApiTags('seller')
@Controller('seller/products')
@Authenticated({ roles: ['seller'] })
export class SellerProductsController {
  constructor(private readonly products: SellerProducts) {}

  @Get()
  @ApiOperation({ operationId: 'listSellerProducts', summary: 'Your products as a seller, newest first, with their stock (deactivated ones too)' })
  @ApiPageResponse(SellerProductDto)
  listSellerProducts(@CurrentUser() seller: Actor, @Query() query: SellerProductQueryDto): Promise<Page<SellerProductDto>> {
    return this.products.list(seller, query);
  }
}
