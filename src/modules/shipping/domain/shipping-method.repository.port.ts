import { ShippingMethod } from './shipping-method';

export abstract class ShippingMethodRepository {
  abstract all(): Promise<ShippingMethod[]>;
  abstract active(): Promise<ShippingMethod[]>;
  abstract findById(id: string): Promise<ShippingMethod | null>;
  abstract findByCode(code: string): Promise<ShippingMethod | null>;
  /** False when the code is taken (the unique index decides between simultaneous creates). */
  abstract insert(method: ShippingMethod): Promise<boolean>;
  abstract update(method: ShippingMethod): Promise<void>;
}
