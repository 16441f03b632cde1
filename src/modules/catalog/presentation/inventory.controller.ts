import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor } from '../../../shared/domain/actor';
import { Authenticated, CurrentUser } from '../../../shared/presentation/auth.decorators';
import { ApiPageResponse, PageQueryDto } from '../../../shared/presentation/pagination';
import { UuidParam } from '../../../shared/presentation/validation';
import { ManageInventory } from '../application/manage-inventory';
import { AdjustInventoryDto, InventoryDto, StockMovementDto } from './dto/inventory.dto';
import { ApiProblems } from '../../../shared/presentation/api-problems';

const NOT_YOURS = { 404: "The product does not exist (or is another seller's)" };

/** Admins for every product, a seller for their own (another seller's product answers 404). */
@ApiTags('inventory')
@Controller('products/:id/inventory')
@Authenticated({ roles: ['admin', 'seller'] })
export class InventoryController {
  constructor(private readonly inventory: ManageInventory) {}

  @Get()
  @ApiOperation({ operationId: 'getInventory', summary: 'On hand, reserved and available units (admin or its seller)' })
  @ApiProblems(NOT_YOURS)
  @ApiOkResponse({ type: InventoryDto })
  getInventory(@CurrentUser() actor: Actor, @UuidParam('id') id: string) {
    return this.inventory.get(actor, id);
  }

  @Post('adjustments')
  @ApiOperation({ operationId: 'adjustInventory', summary: 'Restock or correct the units on hand (admin or its seller)' })
  @ApiProblems({ ...NOT_YOURS, 409: 'The adjustment would take stock below what is reserved' })
  @ApiCreatedResponse({ type: InventoryDto })
  adjustInventory(@CurrentUser() actor: Actor, @UuidParam('id') id: string, @Body() dto: AdjustInventoryDto) {
    return this.inventory.adjust(actor, id, dto);
  }

  @Get('movements')
  @ApiOperation({ operationId: 'listStockMovements', summary: 'The stock ledger of a product, newest first (admin or its seller)' })
  @ApiProblems(NOT_YOURS)
  @ApiPageResponse(StockMovementDto)
  listStockMovements(@CurrentUser() actor: Actor, @UuidParam('id') id: string, @Query() page: PageQueryDto) {
    return this.inventory.movements(actor, id, page);
  }
}
