import { Injectable } from '@nestjs/common';
import { InventoryLedger } from '../domain/catalog.ports';
import { StockLine } from '../domain/stock';

export type { StockLine };

/**
 * What other contexts (orders) may do with stock. Runs inside the caller's transaction: a
 * reservation that cannot be met throws 409 naming the product, and nothing stays reserved.
 */
@Injectable()
export class StockReservations {
  constructor(private readonly ledger: InventoryLedger) {}

  reserve(lines: StockLine[], referenceId: string, actorId: string | null): Promise<void> {
    return this.ledger.reserve(lines, referenceId, actorId);
  }

  release(referenceId: string, actorId: string | null): Promise<void> {
    return this.ledger.release(referenceId, actorId);
  }

  commit(referenceId: string, actorId: string | null): Promise<void> {
    return this.ledger.commit(referenceId, actorId);
  }
}
