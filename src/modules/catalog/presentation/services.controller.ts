import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor } from '../../../shared/domain/actor';
import { Authenticated, CurrentUser, OptionalAuth, Public } from '../../../shared/presentation/auth.decorators';
import { ApiPageResponse } from '../../../shared/presentation/pagination';
import { UuidParam } from '../../../shared/presentation/validation';
import { ManageRepairServices } from '../application/manage-repair-services';
import { CreateServiceDto, ServiceDto, ServiceQueryDto, ServiceTypeDto, UpdateServiceDto } from './dto/service.dto';
import { ApiProblems } from '../../../shared/presentation/api-problems';

@ApiTags('services')
@Controller()
export class ServicesController {
  constructor(private readonly services: ManageRepairServices) {}

  @Get('services')
  @OptionalAuth()
  @ApiOperation({ operationId: 'listServices', summary: 'Repair services, filterable by service type' })
  @ApiProblems({ 403: 'Inactive services are for admins' })
  @ApiPageResponse(ServiceDto)
  listServices(@Query() query: ServiceQueryDto, @CurrentUser() actor?: Actor) {
    return this.services.list(query, actor);
  }

  @Get('service-types')
  @Public()
  @ApiOperation({ operationId: 'listServiceTypes', summary: 'The appliance types the shop repairs' })
  @ApiOkResponse({ type: ServiceTypeDto, isArray: true })
  listServiceTypes() {
    return this.services.serviceTypes();
  }

  @Get('services/:id')
  @OptionalAuth()
  @ApiOperation({ operationId: 'getService', summary: 'A repair service' })
  @ApiOkResponse({ type: ServiceDto })
  getService(@UuidParam('id') id: string, @CurrentUser() actor?: Actor) {
    return this.services.get(id, actor);
  }

  @Post('services')
  @Authenticated({ roles: ['admin'] })
  @ApiOperation({ operationId: 'createService', summary: 'Create a repair service (admin)' })
  @ApiProblems({ 404: 'The service type does not exist', 409: 'The slug is taken' })
  @ApiCreatedResponse({ type: ServiceDto })
  createService(@Body() dto: CreateServiceDto) {
    return this.services.create(dto);
  }

  @Patch('services/:id')
  @Authenticated({ roles: ['admin'] })
  @ApiOperation({ operationId: 'updateService', summary: 'Change a repair service (admin)' })
  @ApiProblems({ 409: 'The slug is taken' })
  @ApiOkResponse({ type: ServiceDto })
  updateService(@UuidParam('id') id: string, @Body() dto: UpdateServiceDto) {
    return this.services.update(id, dto);
  }

  @Delete('services/:id')
  @Authenticated({ roles: ['admin'] })
  @HttpCode(204)
  @ApiOperation({ operationId: 'deleteService', summary: 'Deactivate a repair service (admin)' })
  @ApiNoContentResponse({ description: 'Deactivated' })
  async deleteService(@UuidParam('id') id: string): Promise<void> {
    await this.services.deactivate(id);
  }
}
