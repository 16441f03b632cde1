import type { Actor } from '../../../shared/domain/actor';
import type { OrderActor } from '../domain/order';

/**
 * The order context's application API for the booking context: what a visit's changes do to the
 * order it was booked with. Each runs inside the caller's transaction. Orders never call booking
 * back: booking hears of payments and cancellations through the order events (contracts/order.events).
 */
export abstract class VisitOrders {
  /**
   * Locks the order row. A visit's changes take it before the visit's own row, the order that
   * checkout, payment and cancellation (order first, then its booking in their event handlers)
   * take too, so that two of them on one visit wait for each other instead of deadlocking.
   */
  abstract lock(orderId: string): Promise<void>;
  /** The visit started: a paid order moves to processing. */
  abstract visitStarted(orderId: string, actor: OrderActor): Promise<void>;
  /** The visit was completed: a service-only order completes with it. */
  abstract visitCompleted(orderId: string, actor: OrderActor): Promise<void>;
  /** The visit's customer (or an admin) cancels it: its order is cancelled, and refunded when paid. */
  abstract cancel(orderId: string, actor: Actor, reason: string): Promise<void>;
}
