import { Injectable } from '@nestjs/common';
import { UnitOfWork } from '../../../shared/application/unit-of-work';
import { NotFoundError, ConflictError } from '../../../shared/domain/domain-error';
import { AppConfig } from '../../../config/config';
import { CatalogItems, itemKey, vatRateOf } from '../../catalog/application/catalog-items';
import { OrderRepository } from '../domain/order.ports';
import { OrderAccess, OrderCaller } from './order-access';
import { OrderView, OrderViews } from './order.views';

/** Adds products to a pending order (seed 003): current catalog price, stock reserved on OrderItemsAdded. */
@Injectable()
export class AddOrderItems {
  constructor(
    private readonly orders: OrderRepository,
    private readonly access: OrderAccess,
    private readonly catalog: CatalogItems,
    private readonly unitOfWork: UnitOfWork,
    private readonly views: OrderViews,
    private readonly config: AppConfig,
  ) {}

  execute(orderId: string, caller: OrderCaller, items: { productId: string; quantity: number }[]): Promise<OrderView> {
    return this.unitOfWork.run(async () => {
      const order = await this.access.readable(orderId, caller, true);
      if (await this.orders.paymentHeld(orderId)) {
        throw new ConflictError('order.payment_in_progress', 'A payment of this order is being confirmed; items can be added if it fails');
      }
      const found = await this.catalog.find(items.map((i) => ({ kind: 'product' as const, id: i.productId })));
      const lines = items.map((i) => {
        const item = found.get(itemKey({ kind: 'product', id: i.productId }));
        if (!item?.isActive) throw new NotFoundError('Product', i.productId);
        return { kind: 'product' as const, itemId: item.id, name: item.name, unitPrice: item.unitPrice, quantity: i.quantity, vatRate: vatRateOf(item, this.config.vatRatePercent) };
      });
      order.addLines(lines);
      await this.orders.save(order);
      return this.views.of(order);
    });
  }
}
