import { Body, Controller, Delete, Get, HttpCode, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '../../../shared/presentation/api-problems';
import { Authenticated } from '../../../shared/presentation/auth.decorators';
import { UuidParam } from '../../../shared/presentation/validation';
import { ManageShippingMethods } from '../application/manage-shipping-methods';
import { CreateShippingMethodDto, ShippingMethodDto, UpdateShippingMethodDto } from './dto/shipping-method.dto';

@ApiTags('admin')
@Controller('admin/shipping-methods')
@Authenticated({ roles: ['admin'] })
export class AdminShippingMethodsController {
  constructor(private readonly manage: ManageShippingMethods) {}

  @Get()
  @ApiOperation({ operationId: 'listShippingMethodsAdmin', summary: 'Every shipping method, inactive ones too (admin)' })
  @ApiOkResponse({ type: ShippingMethodDto, isArray: true })
  listShippingMethodsAdmin(): Promise<ShippingMethodDto[]> {
    return this.manage.list();
  }

  @Get(':id')
  @ApiOperation({ operationId: 'getShippingMethod', summary: 'A shipping method (admin)' })
  @ApiOkResponse({ type: ShippingMethodDto })
  getShippingMethod(@UuidParam('id') id: string): Promise<ShippingMethodDto> {
    return this.manage.get(id);
  }

  @Post()
  @ApiOperation({ operationId: 'createShippingMethod', summary: 'Create a shipping method (admin)' })
  @ApiProblems({ 409: 'The code is taken' })
  @ApiCreatedResponse({ type: ShippingMethodDto })
  createShippingMethod(@Body() dto: CreateShippingMethodDto): Promise<ShippingMethodDto> {
    return this.manage.create({
      code: dto.code,
      name: dto.name,
      price: dto.price,
      freeOverSubtotal: dto.freeOverSubtotal ?? null,
      estimatedDays: dto.estimatedDays,
      isActive: dto.isActive ?? true,
    });
  }

  @Patch(':id')
  @ApiOperation({ operationId: 'updateShippingMethod', summary: 'Change a shipping method (admin); orders keep what they were placed with' })
  @ApiOkResponse({ type: ShippingMethodDto })
  updateShippingMethod(@UuidParam('id') id: string, @Body() dto: UpdateShippingMethodDto): Promise<ShippingMethodDto> {
    return this.manage.update(id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ operationId: 'deleteShippingMethod', summary: 'Deactivate a shipping method (admin)' })
  @ApiNoContentResponse({ description: 'Deactivated' })
  async deleteShippingMethod(@UuidParam('id') id: string): Promise<void> {
    await this.manage.deactivate(id);
  }
}
