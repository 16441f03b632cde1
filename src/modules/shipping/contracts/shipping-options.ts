import type { ShippingRate } from '../../../shared/domain/shipping-charge';

/** A shipping method as the cart and order contexts see it. */
export interface ShippingOption extends ShippingRate {
  code: string;
  name: string;
  estimatedDays: number;
}

/**
 * The shipping context's application API for cart and order: the methods a customer may choose
 * now. `chosen` refuses (400, field `shippingMethod`) an unknown or inactive code.
 */
export abstract class ShippingOptions {
  abstract active(): Promise<ShippingOption[]>;
  abstract chosen(code: string): Promise<ShippingOption>;
}

export { shippingCharge } from '../../../shared/domain/shipping-charge';
