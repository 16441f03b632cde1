import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authenticated } from '../../../shared/presentation/auth.decorators';
import { ApiPageResponse } from '../../../shared/presentation/pagination';
import { UuidParam } from '../../../shared/presentation/validation';
import { AdministerCarts } from '../application/administer-carts';
import { CartQueryDto, CartSummaryDto, CreateDiscountDto, DiscountDto, DiscountQueryDto, UpdateDiscountDto } from './dto/discount.dto';
import { ApiProblems } from '../../../shared/presentation/api-problems';

const toDate = (v: string | null | undefined) => (v === undefined ? undefined : v === null ? null : new Date(v));

@ApiTags('admin')
@Controller('admin')
@Authenticated({ roles: ['admin'] })
export class AdminCartController {
  constructor(private readonly admin: AdministerCarts) {}

  @Get('carts')
  @ApiOperation({ operationId: 'listCarts', summary: 'All carts, filterable by status and user (admin)' })
  @ApiPageResponse(CartSummaryDto)
  listCarts(@Query() query: CartQueryDto) {
    return this.admin.listCarts(query);
  }

  @Get('discounts')
  @ApiOperation({ operationId: 'listDiscounts', summary: 'Discount codes (admin)' })
  @ApiPageResponse(DiscountDto)
  listDiscounts(@Query() query: DiscountQueryDto) {
    return this.admin.listDiscounts(query);
  }

  @Get('discounts/:id')
  @ApiOperation({ operationId: 'getDiscount', summary: 'A discount code with its use count (admin)' })
  @ApiOkResponse({ type: DiscountDto })
  getDiscount(@UuidParam('id') id: string) {
    return this.admin.getDiscount(id);
  }

  @Post('discounts')
  @ApiOperation({ operationId: 'createDiscount', summary: 'Create a discount code (admin)' })
  @ApiProblems({ 409: 'The code is taken' })
  @ApiCreatedResponse({ type: DiscountDto })
  createDiscount(@Body() dto: CreateDiscountDto) {
    return this.admin.createDiscount({
      code: dto.code,
      name: dto.name,
      type: dto.type,
      value: dto.value,
      validFrom: toDate(dto.validFrom) ?? null,
      validTo: toDate(dto.validTo) ?? null,
      isActive: dto.isActive ?? true,
      minSubtotal: dto.minSubtotal ?? 0,
      maxUses: dto.maxUses ?? null,
      perCustomerLimit: dto.perCustomerLimit ?? null,
      appliesTo: dto.appliesTo ?? 'all',
    });
  }

  @Patch('discounts/:id')
  @ApiOperation({ operationId: 'updateDiscount', summary: 'Change a discount code (admin)' })
  @ApiProblems({ 409: 'The code is taken' })
  @ApiOkResponse({ type: DiscountDto })
  updateDiscount(@UuidParam('id') id: string, @Body() dto: UpdateDiscountDto) {
    return this.admin.updateDiscount(id, { ...dto, validFrom: toDate(dto.validFrom), validTo: toDate(dto.validTo) });
  }

  @Delete('discounts/:id')
  @HttpCode(204)
  @ApiOperation({ operationId: 'deleteDiscount', summary: 'Deactivate a discount code (admin)' })
  @ApiNoContentResponse({ description: 'Deactivated' })
  async deleteDiscount(@UuidParam('id') id: string): Promise<void> {
    await this.admin.deactivateDiscount(id);
  }
}
