import { Injectable } from '@nestjs/common';
import { NotFoundError } from '../../../shared/domain/domain-error';
import { AppConfig } from '../../../config/config';
import { CatalogItems, itemKey, vatRateOf } from '../../catalog/application/catalog-items';
import { VisitPartsOrderRequest, VisitPartsOrders } from '../contracts/visit-parts-orders';
import { Order } from '../domain/order';
import { OrderRepository } from '../domain/order.ports';

/**
 * The follow-up order for parts fitted on a visit: same customer (or guest, with the same access
 * token) as the visit's order, each part at its current price. Its stock already left when the
 * technician recorded the part, so placing it reserves nothing; it never expires unpaid.
 */
@Injectable()
export class PlaceVisitPartsOrder extends VisitPartsOrders {
  constructor(
    private readonly orders: OrderRepository,
    private readonly catalog: CatalogItems,
    private readonly config: AppConfig,
  ) {
    super();
  }

  async place(request: VisitPartsOrderRequest): Promise<{ orderId: string; number: number; total: number }> {
    const original = await this.orders.findById(request.originalOrderId);
    if (!original) throw new NotFoundError('Order', request.originalOrderId);
    const products = await this.catalog.find(request.parts.map((p) => ({ kind: 'product' as const, id: p.productId })));
    const lines = request.parts.map((p) => {
      const product = products.get(itemKey({ kind: 'product', id: p.productId }));
      if (!product) throw new NotFoundError('Product', p.productId);
      return { kind: 'product' as const, itemId: product.id, name: product.name, unitPrice: product.unitPrice, quantity: p.quantity, vatRate: vatRateOf(product, this.config.vatRatePercent) };
    });
    const o = original.snapshot();
    const order = Order.place({
      number: await this.orders.nextNumber(),
      userId: o.userId,
      guestEmail: o.guestEmail,
      currency: o.currency,
      lines,
      discount: null,
      shippingAddress: null,
      // Fitted on the visit: nothing ships.
      shippingMethod: null,
      shippingVatRate: this.config.vatRatePercent,
      actor: request.actor,
      visitParts: { bookingId: request.bookingId, originalOrderId: o.id },
    });
    await this.orders.save(order, (await this.orders.accessTokenHash(o.id)) ?? undefined);
    return { orderId: order.id, number: order.snapshot().number, total: order.total };
  }
}
