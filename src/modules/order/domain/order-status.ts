export const ORDER_STATUSES = ['pending', 'paid', 'processing', 'shipped', 'delivered', 'completed', 'cancelled', 'refunded'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

const REFUNDABLE: OrderStatus[] = ['paid', 'processing', 'shipped', 'delivered', 'completed'];

/**
 * The order state machine. Orders with products ship; service-only orders (and orders for parts
 * fitted on a visit) go paid -> processing -> completed.
 */
export function allowedTransitions(from: OrderStatus, fulfilledOnVisit: boolean): OrderStatus[] {
  const next: Record<OrderStatus, OrderStatus[]> = {
    pending: ['paid', 'cancelled'],
    paid: ['processing', 'cancelled'],
    processing: fulfilledOnVisit ? ['completed'] : ['shipped'],
    shipped: ['delivered'],
    delivered: ['completed'],
    completed: [],
    cancelled: [],
    refunded: [],
  };
  return REFUNDABLE.includes(from) ? [...next[from], 'refunded'] : next[from];
}
