import { Injectable } from '@nestjs/common';
import { Actor } from '../../../shared/domain/actor';
import { NotFoundError } from '../../../shared/domain/domain-error';
import { Page, PageRequest } from '../../../shared/domain/page';
import { InventoryLedger, StockMovement } from '../domain/catalog.ports';
import { availableOf, checkManualMovement, ManualReason, StockLevel } from '../domain/stock';

export interface InventoryView {
  productId: string;
  onHand: number;
  reserved: number;
  available: number;
}

export interface MovementView {
  id: string;
  productId: string;
  reason: string;
  /** Change of available stock (onHandDelta - reservedDelta). */
  delta: number;
  onHandDelta: number;
  reservedDelta: number;
  referenceId: string | null;
  note: string | null;
  actorId: string | null;
  createdAt: string;
}

const toInventoryView = (productId: string, level: StockLevel): InventoryView => ({ productId, ...level, available: availableOf(level) });

const toMovementView = (m: StockMovement): MovementView => ({
  id: m.id,
  productId: m.productId,
  reason: m.reason,
  delta: m.onHandDelta - m.reservedDelta,
  onHandDelta: m.onHandDelta,
  reservedDelta: m.reservedDelta,
  referenceId: m.referenceId,
  note: m.note,
  actorId: m.actorId,
  createdAt: m.createdAt.toISOString(),
});

/** Admin view and manual changes of a product's stock, always through the ledger. */
@Injectable()
export class ManageInventory {
  constructor(private readonly ledger: InventoryLedger) {}

  async get(productId: string): Promise<InventoryView> {
    const level = await this.ledger.level(productId);
    if (!level) throw new NotFoundError('Product', productId);
    return toInventoryView(productId, level);
  }

  async adjust(admin: Actor, productId: string, cmd: { delta: number; reason: ManualReason; note?: string }): Promise<InventoryView> {
    checkManualMovement(cmd.reason, cmd.delta);
    const level = await this.ledger.adjust(productId, cmd.delta, cmd.reason, cmd.note ?? null, admin.userId);
    return toInventoryView(productId, level);
  }

  async movements(productId: string, page: PageRequest): Promise<Page<MovementView>> {
    await this.get(productId);
    const result = await this.ledger.movements(productId, page);
    return { ...result, items: result.items.map(toMovementView) };
  }
}
