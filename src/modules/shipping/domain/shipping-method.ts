import { randomUUID } from 'node:crypto';
import { ShippingRate, shippingCharge } from '../../../shared/domain/shipping-charge';

export interface ShippingMethodProps {
  id: string;
  code: string;
  name: string;
  price: number;
  freeOverSubtotal: number | null;
  estimatedDays: number;
  isActive: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export type ShippingMethodChanges = Partial<Pick<ShippingMethodProps, 'name' | 'price' | 'freeOverSubtotal' | 'estimatedDays' | 'isActive'>>;

/** A way goods reach the customer, at a price in pence (VAT included), free over a subtotal if set. */
export class ShippingMethod {
  private constructor(private props: ShippingMethodProps) {}

  static create(input: Omit<ShippingMethodProps, 'id' | 'createdAt' | 'updatedAt'>): ShippingMethod {
    const now = new Date();
    return new ShippingMethod({ ...input, id: randomUUID(), createdAt: now, updatedAt: now });
  }

  static restore(props: ShippingMethodProps): ShippingMethod {
    return new ShippingMethod({ ...props });
  }

  get id(): string {
    return this.props.id;
  }
  get code(): string {
    return this.props.code;
  }
  get isActive(): boolean {
    return this.props.isActive;
  }
  get rate(): ShippingRate {
    return { price: this.props.price, freeOverSubtotal: this.props.freeOverSubtotal };
  }

  /** What shipping goods worth `subtotal` costs with this method. */
  chargeFor(subtotal: number): number {
    return shippingCharge(this.rate, subtotal);
  }

  change(changes: ShippingMethodChanges): void {
    const defined = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)) as ShippingMethodChanges;
    this.props = { ...this.props, ...defined, updatedAt: new Date() };
  }

  snapshot(): Readonly<ShippingMethodProps> {
    return { ...this.props };
  }
}
