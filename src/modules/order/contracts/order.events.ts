/**
 * The order context's events as other contexts (and broker consumers) see them: name, payload
 * type and version, declared once. Subscribers use these classes, never a re-declared shape.
 */
export { OrderCancelled, OrderItemsAdded, OrderPlaced, OrderStatusChanged } from '../domain/order.events';
export type { OrderCancelledPayload, OrderItemsAddedPayload, OrderPlacedPayload, OrderStatusChangedPayload } from '../domain/order.events';
export type { OrderStatus } from '../domain/order-status';
export type { OrderActor } from '../domain/order';

/** Handlers of OrderStatusChanged run in this order inside the transaction. */
export const ON_ORDER_STATUS_CHANGED = { recordHistory: 10, confirmVisit: 20, issueInvoice: 30 } as const;

/** Handlers of OrderCancelled run in this order: stock and discount first, then the refund request, then the visit. */
export const ON_ORDER_CANCELLED = { releaseStock: 10, requestRefund: 20, cancelVisit: 30 } as const;
