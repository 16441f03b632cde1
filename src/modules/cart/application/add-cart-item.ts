import { Injectable } from '@nestjs/common';
import { UnitOfWork } from '../../../shared/application/unit-of-work';
import { NotFoundError, ValidationError } from '../../../shared/domain/domain-error';
import { itemKey } from '../../catalog/application/catalog-items';
import { CartRepository } from '../domain/cart.ports';
import { CartAccess, CartCaller } from './cart-access';
import { CartPricing } from './cart-pricing';
import { CartView } from './cart.views';

export interface AddCartItemCommand {
  productId?: string;
  serviceId?: string;
  quantity: number;
}

/**
 * Adds a product or repair service. Writers of one cart serialize on its row lock, so parallel
 * adds of the same item end as one line with the summed quantity.
 */
@Injectable()
export class AddCartItem {
  constructor(
    private readonly access: CartAccess,
    private readonly carts: CartRepository,
    private readonly pricing: CartPricing,
    private readonly unitOfWork: UnitOfWork,
  ) {}

  async execute(caller: CartCaller, cmd: AddCartItemCommand): Promise<CartView> {
    if ((cmd.productId === undefined) === (cmd.serviceId === undefined)) {
      throw new ValidationError(cmd.productId === undefined ? 'productId' : 'serviceId', 'exactly one of productId or serviceId is required');
    }
    const kind = cmd.productId ? 'product' : 'service';
    const itemId = (cmd.productId ?? cmd.serviceId) as string;
    return this.unitOfWork.run(async () => {
      const { cart, newToken } = await this.access.cartForWrite(caller);
      // One catalog read serves both the new item's check and the pricing of the whole cart.
      const items = await this.pricing.itemsFor([...cart.lines.map((l) => ({ kind: l.kind, id: l.itemId })), { kind, id: itemId }]);
      const item = items.get(itemKey({ kind, id: itemId }));
      if (!item?.isActive) throw new NotFoundError(kind === 'product' ? 'Product' : 'Service', itemId);
      cart.addItem(kind, itemId, cmd.quantity, { unitPrice: item.unitPrice, available: item.available });
      await this.carts.save(cart);
      const { view } = await this.pricing.quote(cart, caller.actor?.userId ?? null, undefined, items);
      return newToken ? { ...view, cartToken: newToken } : view;
    });
  }
}
