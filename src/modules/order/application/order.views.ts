import type { Order, ShippingAddress } from '../domain/order';
import type { HistoryEntry } from '../domain/order.ports';
import type { OrderStatus } from '../domain/order-status';

export interface OrderView {
  id: string;
  number: number;
  status: OrderStatus;
  userId: string | null;
  guestEmail: string | null;
  currency: string;
  items: {
    id: string;
    kind: 'product' | 'service';
    productId: string | null;
    serviceId: string | null;
    name: string;
    unitPrice: number;
    quantity: number;
    lineTotal: number;
  }[];
  subtotal: number;
  discount: { code: string; amount: number } | null;
  total: number;
  shippingAddress: ShippingAddress | null;
  /** An order for parts fitted on a repair visit: that visit and the order it was booked with. */
  visitParts: { bookingId: string; originalOrderId: string } | null;
  allowedTransitions: OrderStatus[];
  createdAt: string;
  updatedAt: string;
  /** Guest orders only, once: proof of ownership for reading and paying (X-Order-Token). */
  accessToken?: string;
  /** When the order holds repair services: the booked visit. */
  bookingId?: string;
}

export interface HistoryView {
  from: OrderStatus | null;
  to: OrderStatus;
  at: string;
  actorId: string | null;
  actorRole: string;
  note: string | null;
}

export function toOrderView(order: Order): OrderView {
  const s = order.snapshot();
  return {
    id: s.id,
    number: s.number,
    status: s.status,
    userId: s.userId,
    guestEmail: s.guestEmail,
    currency: s.currency,
    items: s.lines.map((l) => ({
      id: l.id,
      kind: l.kind,
      productId: l.kind === 'product' ? l.itemId : null,
      serviceId: l.kind === 'service' ? l.itemId : null,
      name: l.name,
      unitPrice: l.unitPrice,
      quantity: l.quantity,
      lineTotal: l.lineTotal,
    })),
    subtotal: s.subtotal,
    discount: s.discount ? { code: s.discount.code, amount: s.discount.amount } : null,
    total: s.total,
    shippingAddress: s.shippingAddress,
    visitParts: s.partsBookingId && s.originalOrderId ? { bookingId: s.partsBookingId, originalOrderId: s.originalOrderId } : null,
    allowedTransitions: order.allowedTransitions(),
    createdAt: s.createdAt.toISOString(),
    updatedAt: s.updatedAt.toISOString(),
  };
}

export const toHistoryView = (h: HistoryEntry): HistoryView => ({
  from: h.from,
  to: h.to,
  at: h.at.toISOString(),
  actorId: h.actorId,
  actorRole: h.actorRole,
  note: h.note,
});
