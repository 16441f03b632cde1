import type { BookingView } from '../application/booking.views';

export type { BookingView };

export interface VisitRequest {
  start: string;
  address: string;
  notes?: string;
}

export interface VisitHoldRequest {
  orderId: string;
  customerId: string | null;
  /** True when the order needed no payment (total 0): the visit is confirmed at once. */
  orderPaid: boolean;
  lines: { serviceId: string; name: string; unitPrice: number; quantity: number; durationMinutes: number | null; serviceType: string | null }[];
  visit: VisitRequest;
}

/**
 * The booking context's application API for checkout: hold a technician's time for an order's
 * repair services, inside the checkout's transaction. After that, booking follows its order
 * through the order events (paid -> confirmed, cancelled -> cancelled).
 */
export abstract class VisitHolds {
  /** Throws a validation error naming `field` when the address has no UK postcode a visit can be routed by. */
  abstract checkAddress(address: string, field: string): void;
  /** 409 with the next free starts when the time was taken; 422 when nobody works then. */
  abstract hold(request: VisitHoldRequest): Promise<{ bookingId: string }>;
  /** The held visit as its customer sees it. */
  abstract view(bookingId: string): Promise<BookingView>;
}
