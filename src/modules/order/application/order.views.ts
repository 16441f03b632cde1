import { Injectable } from '@nestjs/common';
import type { Order, ShippingAddress } from '../domain/order';
import type { HistoryEntry } from '../domain/order.ports';
import type { OrderStatus } from '../domain/order-status';
import { InvoiceFacts, OrderInvoiceFacts } from '../domain/invoice-facts';
import { OrderPaymentFacts, OrderPaymentStatus, PaymentState, paymentStateOf } from '../domain/payment-state';

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
    /** VAT rate in percent as snapshotted when the line was ordered. */
    vatRate: number;
    /** VAT included in the line after its share of the discount. */
    vatAmount: number;
  }[];
  subtotal: number;
  discount: { code: string; amount: number } | null;
  /** The shipping method chosen at checkout, as it was then; null when nothing ships. */
  shippingMethod: { code: string; name: string } | null;
  shipping: number;
  /** subtotal - discount + shipping */
  total: number;
  vatTotal: number;
  netTotal: number;
  shippingAddress: ShippingAddress | null;
  /** Given when the order was marked shipped. */
  carrier: string | null;
  trackingNumber: string | null;
  /** Issued when the order was paid (GET orders/{id}/invoice). */
  invoiceNumber: string | null;
  /** One per refund (GET orders/{id}/credit-note?number=). */
  creditNotes: { number: string; amount: number; issuedAt: string }[];
  /** An order for parts fitted on a repair visit: that visit and the order it was booked with. */
  visitParts: { bookingId: string; originalOrderId: string } | null;
  allowedTransitions: OrderStatus[];
  paymentStatus: OrderPaymentStatus;
  /** When the order became paid; null while unpaid. */
  paidAt: string | null;
  /** Why the last payment attempt failed, while the order is unpaid. */
  lastPaymentError: string | null;
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
  carrier: string | null;
  trackingNumber: string | null;
}

export function toOrderView(order: Order, payment: PaymentState, invoice: InvoiceFacts): OrderView {
  const s = order.snapshot();
  const vat = order.vat();
  return {
    id: s.id,
    number: s.number,
    status: s.status,
    userId: s.userId,
    guestEmail: s.guestEmail,
    currency: s.currency,
    items: s.lines.map((l, i) => ({
      id: l.id,
      kind: l.kind,
      productId: l.kind === 'product' ? l.itemId : null,
      serviceId: l.kind === 'service' ? l.itemId : null,
      name: l.name,
      unitPrice: l.unitPrice,
      quantity: l.quantity,
      lineTotal: l.lineTotal,
      vatRate: l.vatRate,
      vatAmount: vat.lines[i].vatAmount,
    })),
    subtotal: s.subtotal,
    discount: s.discount ? { code: s.discount.code, amount: s.discount.amount } : null,
    shippingMethod: s.shippingMethod ? { code: s.shippingMethod.code, name: s.shippingMethod.name } : null,
    shipping: s.shipping,
    total: s.total,
    vatTotal: vat.vatTotal,
    netTotal: vat.netTotal,
    shippingAddress: s.shippingAddress,
    carrier: s.carrier,
    trackingNumber: s.trackingNumber,
    invoiceNumber: invoice.invoiceNumber,
    creditNotes: invoice.creditNotes.map((c) => ({ number: c.number, amount: c.amount, issuedAt: c.issuedAt.toISOString() })),
    visitParts: s.partsBookingId && s.originalOrderId ? { bookingId: s.partsBookingId, originalOrderId: s.originalOrderId } : null,
    allowedTransitions: order.allowedTransitions(),
    paymentStatus: payment.paymentStatus,
    paidAt: payment.paidAt?.toISOString() ?? null,
    lastPaymentError: payment.lastPaymentError,
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
  carrier: h.carrier,
  trackingNumber: h.trackingNumber,
});

/** Order views with their payment state, read in one query for a whole page. */
@Injectable()
export class OrderViews {
  constructor(
    private readonly payments: OrderPaymentFacts,
    private readonly invoices: OrderInvoiceFacts,
  ) {}

  async of(order: Order): Promise<OrderView> {
    const [view] = await this.many([order]);
    return view!;
  }

  async many(orders: Order[]): Promise<OrderView[]> {
    const ids = orders.map((o) => o.id);
    const facts = await this.payments.of(ids);
    const documents = await this.invoices.of(ids);
    const none = { paidAt: null, captured: null, lastAttempt: null };
    return orders.map((o) => toOrderView(o, paymentStateOf(facts.get(o.id) ?? none), documents.get(o.id) ?? { invoiceNumber: null, creditNotes: [] }));
  }
}
