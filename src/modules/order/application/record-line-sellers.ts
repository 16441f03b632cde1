import { Injectable, OnModuleInit } from '@nestjs/common';
import { EventBus } from '../../../shared/application/event-bus';
import { CatalogItems, itemKey } from '../../catalog/application/catalog-items';
import { OrderItemsAdded, OrderPlaced } from '../contracts/order.events';
import { SellerOrderLines } from '../domain/seller-order-lines.port';

/** After stock is reserved (order 10): the seller snapshot needs no particular place beyond that. */
export const RECORD_LINE_SELLERS_ORDER = 40;

/**
 * Every product line keeps the seller of its product as the catalog says in the transaction that
 * writes the line (placing an order, adding items to it): like its name and price, a snapshot that
 * later catalog changes do not rewrite. Lines of the house's products keep no seller.
 */
@Injectable()
export class RecordLineSellers implements OnModuleInit {
  constructor(
    private readonly events: EventBus,
    private readonly catalog: CatalogItems,
    private readonly lines: SellerOrderLines,
  ) {}

  onModuleInit(): void {
    const place = { order: RECORD_LINE_SELLERS_ORDER };
    this.events.subscribe(OrderPlaced, (e) => this.record(e.payload.orderId, e.payload.productLines), place);
    this.events.subscribe(OrderItemsAdded, (e) => this.record(e.payload.orderId, e.payload.productLines), place);
  }

  private async record(orderId: string, productLines: { productId: string }[]): Promise<void> {
    const productIds = [...new Set(productLines.map((l) => l.productId))];
    if (!productIds.length) return;
    const items = await this.catalog.find(productIds.map((id) => ({ kind: 'product' as const, id })));
    const sellers = productIds.flatMap((productId) => {
      const sellerId = items.get(itemKey({ kind: 'product', id: productId }))?.sellerId;
      return sellerId ? [{ productId, sellerId }] : [];
    });
    await this.lines.recordSellers(orderId, sellers);
  }
}
