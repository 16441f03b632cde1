import { Injectable } from '@nestjs/common';
import { Actor } from '../../../shared/domain/actor';
import { NotFoundError } from '../../../shared/domain/domain-error';
import { Page, PageRequest } from '../../../shared/domain/page';
import { InventoryLedger, ProductRepository, StockMovement } from '../domain/catalog.ports';
import { assertCanManageProduct } from '../domain/product';
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

/**
 * A product's stock, its ledger and manual changes, always through the ledger: admins for every
 * product, a seller for their own (another's answers 404, reads included).
 */
@Injectable()
export class ManageInventory {
  constructor(
    private readonly ledger: InventoryLedger,
    private readonly products: ProductRepository,
  ) {}

  async get(actor: Actor, productId: string): Promise<InventoryView> {
    await this.requireManageable(actor, productId);
    const level = await this.ledger.level(productId);
    if (!level) throw new NotFoundError('Product', productId);
    return toInventoryView(productId, level);
  }

  async adjust(actor: Actor, productId: string, cmd: { delta: number; reason: ManualReason; note?: string }): Promise<InventoryView> {
    await this.requireManageable(actor, productId);
    checkManualMovement(cmd.reason, cmd.delta);
    const level = await this.ledger.adjust(productId, cmd.delta, cmd.reason, cmd.note ?? null, actor.userId);
    return toInventoryView(productId, level);
  }

  async movements(actor: Actor, productId: string, page: PageRequest): Promise<Page<MovementView>> {
    await this.get(actor, productId);
    const result = await this.ledger.movements(productId, page);
    return { ...result, items: result.items.map(toMovementView) };
  }

  private async requireManageable(actor: Actor, productId: string): Promise<void> {
    const product = await this.products.findById(productId);
    if (!product) throw new NotFoundError('Product', productId);
    assertCanManageProduct(actor, product);
  }
}
