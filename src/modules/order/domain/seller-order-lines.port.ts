import { Page, PageRequest } from '../../../shared/domain/page';
import type { ShippingAddress } from './order';
import { OrderStatus } from './order-status';

/** The seller of a product, as the catalog said when the order line was written. */
export interface LineSeller {
  productId: string;
  sellerId: string;
}

/** An order as one seller sees it: only their own lines, no totals that would reveal the others. */
export interface SellerOrder {
  id: string;
  number: number;
  status: OrderStatus;
  currency: string;
  shippingAddress: ShippingAddress | null;
  createdAt: Date;
  lines: { id: string; productId: string; name: string; unitPrice: number; quantity: number; lineTotal: number }[];
}

export interface SellerOrderQuery extends PageRequest {
  status?: OrderStatus;
}

/**
 * Which seller each product line belongs to: written once, in the transaction that writes the
 * line, and never rewritten (a later change of the product's owner does not move past sales).
 */
export abstract class SellerOrderLines {
  /** Stamps the order's lines of these products that have no seller yet. */
  abstract recordSellers(orderId: string, sellers: LineSeller[]): Promise<void>;
  /** The orders holding `sellerId`'s lines, newest first, each with those lines only. */
  abstract listForSeller(sellerId: string, query: SellerOrderQuery): Promise<Page<SellerOrder>>;
}
