import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EventBus } from '../../../shared/application/event-bus';
import { ConflictError, NotFoundError } from '../../../shared/domain/domain-error';
import { offsetOf, Page, PageRequest, pageOf } from '../../../shared/domain/page';
import { TransactionHost } from '../../../shared/infrastructure/transaction-host';
import { StockAdjusted } from '../domain/catalog.events';
import { InventoryLedger, StockMovement } from '../domain/catalog.ports';
import { availableOf, ManualReason, mergeStockLines, MovementReason, StockLevel, StockLine } from '../domain/stock';
import { InventoryOrmEntity, StockMovementOrmEntity } from './catalog.orm-entity';

interface LevelRow {
  on_hand: number;
  reserved: number;
}

@Injectable()
export class TypeOrmInventoryLedger extends InventoryLedger {
  constructor(
    private readonly tx: TransactionHost,
    private readonly events: EventBus,
  ) {
    super();
  }

  async level(productId: string): Promise<StockLevel | null> {
    const row = await this.tx.manager.findOneBy(InventoryOrmEntity, { productId });
    return row ? { onHand: row.onHand, reserved: row.reserved } : null;
  }

  async create(productId: string, initialStock: number, actorId: string | null): Promise<void> {
    await this.tx.manager.insert(InventoryOrmEntity, { productId, onHand: 0, reserved: 0 });
    if (initialStock > 0) await this.move(productId, initialStock, 0, 'restock', null, 'initial stock', actorId);
  }

  adjust(productId: string, delta: number, reason: ManualReason, note: string | null, actorId: string): Promise<StockLevel> {
    return this.tx.run(async () => {
      const level = await this.move(productId, delta, 0, reason, null, note, actorId);
      if (level) return level;
      const current = await this.level(productId);
      if (!current) throw new NotFoundError('Product', productId);
      throw new ConflictError('stock.adjustment_below_reserved', `On hand cannot go below what is reserved (${current.reserved})`, {
        productId,
        onHand: current.onHand,
        reserved: current.reserved,
        available: availableOf(current),
      });
    });
  }

  async movements(productId: string, page: PageRequest): Promise<Page<StockMovement>> {
    const [rows, total] = await this.tx.manager.findAndCount(StockMovementOrmEntity, {
      where: { productId },
      order: { createdAt: 'DESC', id: 'ASC' },
      skip: offsetOf(page),
      take: page.limit,
    });
    return pageOf(rows, total, page);
  }

  reserve(lines: StockLine[], referenceId: string, actorId: string | null): Promise<void> {
    return this.tx.run(async () => {
      for (const line of mergeStockLines(lines)) {
        const level = await this.move(line.productId, 0, line.quantity, 'reservation', referenceId, null, actorId);
        if (!level) await this.shortfall(line);
      }
    });
  }

  useOnVisit(line: StockLine, referenceId: string, actorId: string | null): Promise<StockLevel> {
    return this.tx.run(async () => {
      const level = await this.move(line.productId, -line.quantity, 0, 'used_on_visit', referenceId, 'used on a repair visit', actorId);
      return level ?? this.shortfall(line);
    });
  }

  returnFromVisit(line: StockLine, referenceId: string, actorId: string | null): Promise<StockLevel> {
    return this.tx.run(async () => {
      const level = await this.move(line.productId, line.quantity, 0, 'used_on_visit', referenceId, 'part entry removed from the visit', actorId);
      if (!level) throw new NotFoundError('Product', line.productId);
      return level;
    });
  }

  private async shortfall(line: StockLine): Promise<never> {
    const current = await this.level(line.productId);
    const available = current ? availableOf(current) : 0;
    throw new ConflictError('stock.insufficient', `Only ${available} of product ${line.productId} available, ${line.quantity} requested`, {
      productId: line.productId,
      requested: line.quantity,
      available,
    });
  }

  release(referenceId: string, actorId: string | null): Promise<void> {
    return this.settle(referenceId, actorId, 'release');
  }

  commit(referenceId: string, actorId: string | null): Promise<void> {
    return this.settle(referenceId, actorId, 'sale');
  }

  /** Releases or sells whatever the reference still holds, per product, in product-id order. */
  private settle(referenceId: string, actorId: string | null, reason: 'release' | 'sale'): Promise<void> {
    return this.tx.run(async () => {
      const held = (await this.tx.manager.query(
        `SELECT product_id, sum(reserved_delta)::int AS held FROM stock_movements
          WHERE reference_id = $1 GROUP BY product_id HAVING sum(reserved_delta) > 0 ORDER BY product_id`,
        [referenceId],
      )) as { product_id: string; held: number }[];
      for (const { product_id, held: quantity } of held) {
        const onHandDelta = reason === 'sale' ? -quantity : 0;
        const level = await this.move(product_id, onHandDelta, -quantity, reason, referenceId, null, actorId);
        if (!level) throw new Error(`inventory of ${product_id} cannot ${reason} ${quantity} for ${referenceId}`);
      }
    });
  }

  /**
   * The one way stock changes: a conditional update that keeps on hand >= reserved >= 0
   * (also CHECKed by the table), plus its ledger row and StockAdjusted event.
   * Returns null when the condition fails (nothing written).
   */
  private async move(
    productId: string,
    onHandDelta: number,
    reservedDelta: number,
    reason: MovementReason,
    referenceId: string | null,
    note: string | null,
    actorId: string | null,
  ): Promise<StockLevel | null> {
    const m = this.tx.manager;
    const [rows] = (await m.query(
      `UPDATE inventory SET on_hand = on_hand + $2, reserved = reserved + $3, updated_at = now()
        WHERE product_id = $1 AND on_hand + $2 >= reserved + $3 AND reserved + $3 >= 0
        RETURNING on_hand, reserved`,
      [productId, onHandDelta, reservedDelta],
    )) as [LevelRow[], number];
    const row = rows[0];
    if (!row) return null;
    await m.insert(StockMovementOrmEntity, { id: randomUUID(), productId, onHandDelta, reservedDelta, reason, referenceId, note, actorId });
    const level = { onHand: row.on_hand, reserved: row.reserved };
    await this.events.publish([
      new StockAdjusted(productId, { productId, onHandDelta, reservedDelta, reason, referenceId, onHand: level.onHand, reserved: level.reserved }),
    ]);
    return level;
  }
}
