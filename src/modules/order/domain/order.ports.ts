import { Page, PageRequest } from '../../../shared/domain/page';
import { Order } from './order';
import { OrderStatus } from './order-status';

export interface HistoryEntry {
  id: string;
  orderId: string;
  from: OrderStatus | null;
  to: OrderStatus;
  at: Date;
  actorId: string | null;
  actorRole: string;
  note: string | null;
  carrier: string | null;
  trackingNumber: string | null;
}

export interface OrderListQuery extends PageRequest {
  status?: OrderStatus;
  userId?: string;
}

export abstract class OrderRepository {
  abstract nextNumber(): Promise<number>;
  abstract findById(id: string): Promise<Order | null>;
  /** Row-locked until the transaction ends: payments, cancellation and the expiry job serialize on it. */
  abstract findByIdForUpdate(id: string): Promise<Order | null>;
  /** Persists the order (and, once, a guest's access-token hash) and publishes its events. */
  abstract save(order: Order, accessTokenHash?: string): Promise<void>;
  abstract accessTokenHash(orderId: string): Promise<string | null>;
  abstract list(query: OrderListQuery): Promise<Page<Order>>;
  /** While a payment confirmation is with the provider, the order's lines may not change. */
  abstract setPaymentHold(orderId: string, held: boolean): Promise<void>;
  abstract paymentHeld(orderId: string): Promise<boolean>;
  abstract appendHistory(entry: HistoryEntry): Promise<void>;
  abstract history(orderId: string): Promise<HistoryEntry[]>;
  /** Ids of pending orders created before `before`, locked, skipping rows other processes hold. */
  /** Pending orders placed before `before` (guest orders: before `guestsBefore`), locked, skipping locked ones. */
  abstract lockStalePending(before: Date, limit: number, guestsBefore?: Date): Promise<string[]>;
}
