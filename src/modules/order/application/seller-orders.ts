import { Injectable } from '@nestjs/common';
import { Actor } from '../../../shared/domain/actor';
import { Page } from '../../../shared/domain/page';
import type { ShippingAddress } from '../domain/order';
import type { OrderStatus } from '../domain/order-status';
import { SellerOrder, SellerOrderLines, SellerOrderQuery } from '../domain/seller-order-lines.port';

export interface SellerOrderView {
  id: string;
  number: number;
  status: OrderStatus;
  currency: string;
  shippingAddress: ShippingAddress | null;
  createdAt: string;
  items: { id: string; productId: string; name: string; unitPrice: number; quantity: number; lineTotal: number }[];
  /** The sum of the seller's own lines (before any order-wide discount). */
  itemsTotal: number;
}

const toView = (o: SellerOrder): SellerOrderView => ({
  id: o.id,
  number: o.number,
  status: o.status,
  currency: o.currency,
  shippingAddress: o.shippingAddress,
  createdAt: o.createdAt.toISOString(),
  items: o.lines,
  itemsTotal: o.lines.reduce((sum, l) => sum + l.lineTotal, 0),
});

/**
 * GET seller/orders: what a seller has to fulfil. Only the lines of their products, the order's
 * status and where it ships; nothing about the other sellers' lines, the buyer's account or the
 * order's totals.
 */
@Injectable()
export class SellerOrders {
  constructor(private readonly lines: SellerOrderLines) {}

  async list(seller: Actor, query: SellerOrderQuery): Promise<Page<SellerOrderView>> {
    const page = await this.lines.listForSeller(seller.userId, query);
    return { ...page, items: page.items.map(toView) };
  }
}
