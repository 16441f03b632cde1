import { Injectable } from '@nestjs/common';
import { ConflictError, NotFoundError } from '../../../shared/domain/domain-error';
import { Page } from '../../../shared/domain/page';
import { CartListQuery, CartRepository, CartSummary, DiscountListQuery, DiscountRepository } from '../domain/cart.ports';
import { Discount, DiscountInput, DiscountProps } from '../domain/discount';

export type DiscountView = Omit<DiscountProps, 'validFrom' | 'validTo' | 'createdAt' | 'updatedAt'> & {
  validFrom: string | null;
  validTo: string | null;
  createdAt: string;
  updatedAt: string;
};

const toDiscountView = (d: Discount): DiscountView => {
  const s = d.snapshot();
  return {
    ...s,
    validFrom: s.validFrom?.toISOString() ?? null,
    validTo: s.validTo?.toISOString() ?? null,
    createdAt: s.createdAt.toISOString(),
    updatedAt: s.updatedAt.toISOString(),
  };
};

export type CartSummaryView = Omit<CartSummary, 'createdAt' | 'updatedAt'> & { createdAt: string; updatedAt: string };

/** Admin: every cart (seed 001's "view all carts") and the discount codes. */
@Injectable()
export class AdministerCarts {
  constructor(
    private readonly carts: CartRepository,
    private readonly discounts: DiscountRepository,
  ) {}

  async listCarts(query: CartListQuery): Promise<Page<CartSummaryView>> {
    const page = await this.carts.list(query);
    return { ...page, items: page.items.map((c) => ({ ...c, createdAt: c.createdAt.toISOString(), updatedAt: c.updatedAt.toISOString() })) };
  }

  async listDiscounts(query: DiscountListQuery): Promise<Page<DiscountView>> {
    const page = await this.discounts.list(query);
    return { ...page, items: page.items.map(toDiscountView) };
  }

  async getDiscount(id: string): Promise<DiscountView> {
    return toDiscountView(await this.requireDiscount(id));
  }

  async createDiscount(input: DiscountInput): Promise<DiscountView> {
    const discount = Discount.create(input);
    if (!(await this.discounts.insert(discount))) {
      throw new ConflictError('discount.code_taken', `The code ${discount.code} already exists`);
    }
    return toDiscountView(discount);
  }

  async updateDiscount(id: string, changes: Partial<Omit<DiscountInput, 'code'>>): Promise<DiscountView> {
    const discount = await this.requireDiscount(id);
    discount.update(changes);
    await this.discounts.update(discount);
    return toDiscountView(discount);
  }

  /** Codes are deactivated, not erased: past orders and redemptions still point at them. */
  async deactivateDiscount(id: string): Promise<void> {
    const discount = await this.requireDiscount(id);
    discount.deactivate();
    await this.discounts.update(discount);
  }

  private async requireDiscount(id: string): Promise<Discount> {
    const discount = await this.discounts.findById(id);
    if (!discount) throw new NotFoundError('Discount', id);
    return discount;
  }
}
