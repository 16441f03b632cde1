/**
 * What a checkout page shows about paying an order, derived from the order's history and its
 * payment attempts (the order context reads them, the payment context owns them).
 */
export const ORDER_PAYMENT_STATUSES = ['unpaid', 'failed', 'paid', 'partially_refunded', 'refunded'] as const;
export type OrderPaymentStatus = (typeof ORDER_PAYMENT_STATUSES)[number];

export interface PaymentFacts {
  /** When the order first became paid (from its status history); null if never. */
  paidAt: Date | null;
  /** The captured payment, if any: what was taken and what has been refunded of it. */
  captured: { amount: number; refunded: number } | null;
  /** The most recent payment attempt, if any. */
  lastAttempt: { status: string; failureReason: string | null } | null;
}

export interface PaymentState {
  paymentStatus: OrderPaymentStatus;
  paidAt: Date | null;
  /** Why the last attempt failed, while the order is still unpaid ("Your card was declined."). */
  lastPaymentError: string | null;
}

export function paymentStateOf(facts: PaymentFacts): PaymentState {
  const { paidAt, captured, lastAttempt } = facts;
  if (captured && captured.refunded > 0) {
    return { paymentStatus: captured.refunded >= captured.amount ? 'refunded' : 'partially_refunded', paidAt, lastPaymentError: null };
  }
  // A free order (e.g. a visit fully discounted) becomes paid without a payment.
  if (captured || paidAt) return { paymentStatus: 'paid', paidAt, lastPaymentError: null };
  if (lastAttempt?.status === 'failed') return { paymentStatus: 'failed', paidAt: null, lastPaymentError: lastAttempt.failureReason };
  return { paymentStatus: 'unpaid', paidAt: null, lastPaymentError: null };
}

/** Read port: the payment facts of some orders (one query for a page of them). */
export abstract class OrderPaymentFacts {
  abstract of(orderIds: string[]): Promise<Map<string, PaymentFacts>>;
}
