import { Injectable } from '@nestjs/common';
import { NotFoundError } from '../../../shared/domain/domain-error';
import { ShippingOptions } from '../../shipping/contracts/shipping-options';
import { CartAccess, CartCaller } from './cart-access';
import { CartPricing } from './cart-pricing';
import { CartWithItemsReader } from './cart-with-items';
import { CartView } from './cart.views';

/** The caller's cart, priced now; an empty cart when they have none yet (nothing is created). */
@Injectable()
export class GetCart {
  constructor(
    private readonly access: CartAccess,
    private readonly carts: CartWithItemsReader,
    private readonly pricing: CartPricing,
    private readonly shipping: ShippingOptions,
  ) {}

  /** `shippingMethod`: price the cart as if shipped this way (an unknown or inactive code is a 400). */
  async execute(caller: CartCaller, shippingMethod?: string): Promise<CartView> {
    const shipping = shippingMethod ? await this.shipping.chosen(shippingMethod) : undefined;
    const owner = this.access.owner(caller);
    const found = owner ? await this.carts.findActiveWithItems(owner) : null;
    // A token that names no active cart (expired, or merged at login) is an error the client
    // should act on by forgetting it; a signed-in user without a cart simply has an empty one.
    if (!found && caller.cartToken && !caller.actor) throw new NotFoundError('Cart');
    if (!found) return this.pricing.emptyView();
    return (await this.pricing.quote(found.cart, caller.actor?.userId ?? null, undefined, found.items, shipping)).view;
  }
}
