import { Injectable } from '@nestjs/common';
import { InventoryLedger } from '../domain/catalog.ports';
import { StockLevel, StockLine } from '../domain/stock';

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

  /** A repair visit used the units (stock leaves at once, never below zero). */
  useOnVisit(line: StockLine, referenceId: string, actorId: string | null): Promise<StockLevel> {
    return this.ledger.useOnVisit(line, referenceId, actorId);
  }

  returnFromVisit(line: StockLine, referenceId: string, actorId: string | null): Promise<StockLevel> {
    return this.ledger.returnFromVisit(line, referenceId, actorId);
  }

  commit(referenceId: string, actorId: string | null): Promise<void> {
    return this.ledger.commit(referenceId, actorId);
  }
}
