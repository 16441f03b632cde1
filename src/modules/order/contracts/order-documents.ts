import type { Actor } from '../../../shared/domain/actor';
import type { VatRateTotal } from '../../../shared/domain/vat';
import type { ShippingAddress } from '../domain/order';
import type { OrderStatus } from '../domain/order-status';

export type { VatRateTotal };

/** What an invoice or credit note prints about an order: its lines with their VAT, and its totals. */
export interface OrderDocumentData {
  orderId: string;
  orderNumber: number;
  status: OrderStatus;
  currency: string;
  placedAt: Date;
  /** When the order became paid (the invoice's tax point); null while unpaid. */
  paidAt: Date | null;
  guestEmail: string | null;
  shippingAddress: ShippingAddress | null;
  lines: { name: string; quantity: number; unitPrice: number; lineTotal: number; discount: number; vatRate: number; vatAmount: number }[];
  subtotal: number;
  discount: { code: string; amount: number } | null;
  shippingMethod: string | null;
  shipping: number;
  shippingVatRate: number;
  shippingVat: number;
  total: number;
  vatTotal: number;
  netTotal: number;
  vatByRate: VatRateTotal[];
  /** Captured and refunded so far, from the order's payment. */
  payment: { captured: number; refunded: number } | null;
}

/** Who asks for an order's documents: the order's access rules apply (owner, admin, guest token). */
export interface OrderDocumentCaller {
  actor?: Actor;
  orderToken?: string;
}

/** The order context's application API for invoicing. */
export abstract class OrderDocuments {
  /** The order as its caller may read it (404 for anyone else). */
  abstract readable(orderId: string, caller: OrderDocumentCaller): Promise<OrderDocumentData>;
  /** The order for the system (notifications attach its invoice): no access check. */
  abstract of(orderId: string): Promise<OrderDocumentData | null>;
}
