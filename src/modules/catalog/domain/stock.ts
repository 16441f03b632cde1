import { ValidationError } from '../../../shared/domain/domain-error';

export const MOVEMENT_REASONS = ['restock', 'adjustment', 'reservation', 'release', 'sale', 'used_on_visit'] as const;
export type MovementReason = (typeof MOVEMENT_REASONS)[number];
export const MANUAL_REASONS = ['restock', 'adjustment'] as const;
export type ManualReason = (typeof MANUAL_REASONS)[number];
export const MAX_STOCK_DELTA = 1_000_000;

export interface StockLevel {
  onHand: number;
  reserved: number;
}

export const availableOf = (level: StockLevel): number => level.onHand - level.reserved;

/** A line to reserve: products only; repair services have no stock. */
export interface StockLine {
  productId: string;
  quantity: number;
}

/**
 * What an admin may do by hand: a restock adds stock, an adjustment corrects it either way.
 * Whether the result stays >= reserved is decided atomically by the database.
 */
export function checkManualMovement(reason: ManualReason, delta: number): void {
  if (!Number.isInteger(delta) || delta === 0 || Math.abs(delta) > MAX_STOCK_DELTA) {
    throw new ValidationError('delta', `must be a non-zero whole number between -${MAX_STOCK_DELTA} and ${MAX_STOCK_DELTA}`);
  }
  if (reason === 'restock' && delta < 0) throw new ValidationError('delta', 'must be positive for a restock');
}

/** Same product twice in one order becomes one line; sorted so that row locks are taken in one order. */
export function mergeStockLines(lines: StockLine[]): StockLine[] {
  const merged = new Map<string, number>();
  for (const line of lines) merged.set(line.productId, (merged.get(line.productId) ?? 0) + line.quantity);
  return [...merged.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([productId, quantity]) => ({ productId, quantity }));
}
