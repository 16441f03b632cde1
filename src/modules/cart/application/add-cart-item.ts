import { Injectable } from '@nestjs/common';
import { UnitOfWork } from '../../../shared/application/unit-of-work';
import { NotFoundError, ValidationError } from '../../../shared/domain/domain-error';
import { itemKey, PurchasableItem } from '../../catalog/application/catalog-items';
import { requestAnswer } from '../../../shared/application/request-answer';
import { Cart, ItemKind } from '../domain/cart';
import { CartRepository } from '../domain/cart.ports';
import { CartAccess, CartCaller } from './cart-access';
import { CartPricing } from './cart-pricing';
import { CartWithItemsReader } from './cart-with-items';
import { CartView } from './cart.views';

export interface AddCartItemCommand {
  productId?: string;
  serviceId?: string;
  quantity: number;
}

/** Attempts without a lock before taking the cart's row lock in a transaction. */
const OPTIMISTIC_ATTEMPTS = 2;

/**
 * Adds a product or repair service. Parallel adds of the same item end as one line with the
 * summed quantity: an add to an existing cart reads it and its catalog facts without a lock and
 * writes it in one statement only if nobody wrote it meanwhile (2 statements, no transaction);
 * when somebody did, or the cart must be created, or the request carries an Idempotency-Key
 * (whose answer commits with the change), writers serialize on the cart's row lock in a
 * transaction.
 */
@Injectable()
export class AddCartItem {
  constructor(
    private readonly access: CartAccess,
    private readonly carts: CartRepository,
    private readonly reader: CartWithItemsReader,
    private readonly pricing: CartPricing,
    private readonly unitOfWork: UnitOfWork,
  ) {}

  async execute(caller: CartCaller, cmd: AddCartItemCommand): Promise<CartView> {
    if ((cmd.productId === undefined) === (cmd.serviceId === undefined)) {
      throw new ValidationError(cmd.productId === undefined ? 'productId' : 'serviceId', 'exactly one of productId or serviceId is required');
    }
    const kind = cmd.productId ? 'product' : 'service';
    const itemId = (cmd.productId ?? cmd.serviceId) as string;
    const owner = this.access.owner(caller);
    if (owner && !requestAnswer.current()) {
      for (let attempt = 0; attempt < OPTIMISTIC_ATTEMPTS; attempt++) {
        const found = await this.reader.findActiveWithItems(owner, { kind, id: itemId });
        if (!found) break;
        const added = this.add(found.cart, found.items, caller, kind, itemId, cmd.quantity);
        if (await this.carts.saveIfUnchanged(found.cart)) return added();
      }
    }
    return this.unitOfWork.run(async () => {
      const { cart, newToken } = await this.access.cartForWrite(caller);
      const items = await this.pricing.itemsFor([...cart.lines.map((l) => ({ kind: l.kind, id: l.itemId })), { kind, id: itemId }]);
      const added = this.add(cart, items, caller, kind, itemId, cmd.quantity);
      await this.carts.save(cart);
      const view = await added();
      return newToken ? { ...view, cartToken: newToken } : view;
    });
  }

  /**
   * Adds the item to `cart` (in memory); returns how to price the cart once it is saved. `items`:
   * the catalog facts of every line and of the new item (one read serves the check and the pricing).
   */
  private add(cart: Cart, items: Map<string, PurchasableItem>, caller: CartCaller, kind: ItemKind, itemId: string, quantity: number): () => Promise<CartView> {
    const item = items.get(itemKey({ kind, id: itemId }));
    if (!item?.isActive) throw new NotFoundError(kind === 'product' ? 'Product' : 'Service', itemId);
    cart.addItem(kind, itemId, quantity, { unitPrice: item.unitPrice, available: item.available });
    return async () => (await this.pricing.quote(cart, caller.actor?.userId ?? null, undefined, items)).view;
  }
}
