import { Injectable } from '@nestjs/common';
import { shippingCharge, ShippingOption, ShippingOptions } from '../../shipping/contracts/shipping-options';
import { CartCaller } from './cart-access';
import { GetCart } from './get-cart';

export interface ShippingQuoteView extends ShippingOption {
  /** What this method costs for the caller's cart now (0 once its subtotal reaches freeOverSubtotal). */
  priceForCart: number;
}

/** The active shipping methods, each priced for the caller's current cart (an empty cart pays the full price). */
@Injectable()
export class ShippingQuotes {
  constructor(
    private readonly carts: GetCart,
    private readonly shipping: ShippingOptions,
  ) {}

  async list(caller: CartCaller): Promise<ShippingQuoteView[]> {
    const cart = await this.carts.execute(caller);
    const options = await this.shipping.active();
    return options.map((o) => ({ ...o, priceForCart: shippingCharge(o, cart.subtotal) }));
  }
}
