import { randomUUID } from 'node:crypto';
import { ValidationError } from '../../../shared/domain/domain-error';

import type { DiscountScope, DiscountType } from '../../../shared/domain/pricing';

export type { DiscountScope, DiscountType };
export const DISCOUNT_TYPES: readonly DiscountType[] = ['percentage', 'fixed'];
export const DISCOUNT_SCOPES: readonly DiscountScope[] = ['all', 'products', 'services'];

export const DISCOUNT_REFUSALS = ['unknown', 'inactive', 'not_yet_valid', 'expired', 'below_minimum', 'used_up', 'already_used'] as const;
export type DiscountRefusal = (typeof DISCOUNT_REFUSALS)[number];

export const REFUSAL_MESSAGES: Record<DiscountRefusal, string> = {
  unknown: 'This discount code does not exist',
  inactive: 'This discount code is no longer active',
  not_yet_valid: 'This discount code is not valid yet',
  expired: 'This discount code has expired',
  below_minimum: 'The cart subtotal is below the minimum for this code',
  used_up: 'This discount code has been used up',
  already_used: 'You have already used this discount code',
};

export interface DiscountProps {
  id: string;
  code: string;
  name: string;
  type: DiscountType;
  /** Percent (1-100) for percentage codes, pence for fixed ones. */
  value: number;
  validFrom: Date | null;
  validTo: Date | null;
  isActive: boolean;
  minSubtotal: number;
  maxUses: number | null;
  perCustomerLimit: number | null;
  appliesTo: DiscountScope;
  timesUsed: number;
  createdAt: Date;
  updatedAt: Date;
}

export type DiscountInput = Omit<DiscountProps, 'id' | 'timesUsed' | 'createdAt' | 'updatedAt'>;

/** Seed 000's Discounts, with the limits a shop needs. */
export class Discount {
  private constructor(private props: DiscountProps) {}

  static create(input: DiscountInput): Discount {
    const now = new Date();
    const props = { ...input, code: Discount.normalizeCode(input.code), id: randomUUID(), timesUsed: 0, createdAt: now, updatedAt: now };
    Discount.check(props);
    return new Discount(props);
  }

  static restore(props: DiscountProps): Discount {
    return new Discount({ ...props });
  }

  static normalizeCode(code: string): string {
    return code.trim().toUpperCase();
  }

  private static check(p: DiscountProps): void {
    if (p.type === 'percentage' && (!Number.isInteger(p.value) || p.value < 1 || p.value > 100)) {
      throw new ValidationError('value', 'must be a whole percentage from 1 to 100');
    }
    if (p.type === 'fixed' && (!Number.isSafeInteger(p.value) || p.value < 1)) {
      throw new ValidationError('value', 'must be a positive amount in pence');
    }
    if (p.validFrom && p.validTo && p.validFrom >= p.validTo) {
      throw new ValidationError('validTo', 'must be after validFrom');
    }
  }

  get id(): string {
    return this.props.id;
  }
  get code(): string {
    return this.props.code;
  }

  snapshot(): Readonly<DiscountProps> {
    return { ...this.props };
  }

  update(changes: Partial<Omit<DiscountInput, 'code'>>): void {
    const defined = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined));
    const next = { ...this.props, ...defined, updatedAt: new Date() };
    Discount.check(next);
    this.props = next;
  }

  deactivate(): void {
    this.props.isActive = false;
    this.props.updatedAt = new Date();
  }

  /**
   * Why this code cannot be used now, or null when it can. `customerUses` is how often this
   * customer already redeemed it (unknown for anonymous carts: checked again at checkout).
   */
  refusal(now: Date, subtotal: number, customerUses: number | null): DiscountRefusal | null {
    const p = this.props;
    if (!p.isActive) return 'inactive';
    if (p.validFrom && now < p.validFrom) return 'not_yet_valid';
    if (p.validTo && now >= p.validTo) return 'expired';
    if (p.maxUses !== null && p.timesUsed >= p.maxUses) return 'used_up';
    if (p.perCustomerLimit !== null && customerUses !== null && customerUses >= p.perCustomerLimit) return 'already_used';
    if (subtotal < p.minSubtotal) return 'below_minimum';
    return null;
  }
}
