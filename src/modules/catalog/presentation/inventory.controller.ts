import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor } from '../../../shared/domain/actor';
import { Authenticated, CurrentUser } from '../../../shared/presentation/auth.decorators';
import { ApiPageResponse, PageQueryDto } from '../../../shared/presentation/pagination';
import { UuidParam } from '../../../shared/presentation/validation';
import { ManageInventory } from '../application/manage-inventory';
import { AdjustInventoryDto, InventoryDto, StockMovementDto } from './dto/inventory.dto';
import { ApiProblems } from '../../../shared/presentation/api-problems';

@ApiTags('inventory')
@Controller('products/:id/inventory')
@Authenticated({ roles: ['admin'] })
export class InventoryController {
  constructor(private readonly inventory: ManageInventory) {}

  @Get()
  @ApiOperation({ operationId: 'getInventory', summary: 'On hand, reserved and available units (admin)' })
  @ApiOkResponse({ type: InventoryDto })
  getInventory(@UuidParam('id') id: string) {
    return this.inventory.get(id);
  }

  @Post('adjustments')
  @ApiOperation({ operationId: 'adjustInventory', summary: 'Restock or correct the units on hand (admin)' })
  @ApiProblems({ 409: 'The adjustment would take stock below what is reserved' })
  @ApiCreatedResponse({ type: InventoryDto })
  adjustInventory(@CurrentUser() actor: Actor, @UuidParam('id') id: string, @Body() dto: AdjustInventoryDto) {
    return this.inventory.adjust(actor, id, dto);
  }

  @Get('movements')
  @ApiOperation({ operationId: 'listStockMovements', summary: 'The stock ledger of a product, newest first (admin)' })
  @ApiPageResponse(StockMovementDto)
  listStockMovements(@UuidParam('id') id: string, @Query() page: PageQueryDto) {
    return this.inventory.movements(id, page);
  }
}
