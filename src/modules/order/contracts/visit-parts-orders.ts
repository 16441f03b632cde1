import type { OrderActor } from '../domain/order';

export type { OrderActor };

export interface VisitPartsOrderRequest {
  bookingId: string;
  /** The order the visit was booked (and paid) with: the new order goes to the same customer. */
  originalOrderId: string;
  parts: { productId: string; quantity: number }[];
  actor: OrderActor;
}

/**
 * The order context's application API for the booking context: turns the parts fitted on a
 * completed visit into a pending order the customer pays like any other, priced at the current
 * price. Runs inside the caller's transaction.
 */
export abstract class VisitPartsOrders {
  abstract place(request: VisitPartsOrderRequest): Promise<{ orderId: string; number: number; total: number }>;
}
