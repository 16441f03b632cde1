import { Injectable } from '@nestjs/common';
import { UnitOfWork } from '../../../shared/application/unit-of-work';
import { DomainError } from '../../../shared/domain/domain-error';
import { CartRepository, DiscountRepository } from '../domain/cart.ports';
import { DiscountRefusal, REFUSAL_MESSAGES } from '../domain/discount';
import { CartAccess, CartCaller } from './cart-access';
import { CartPricing } from './cart-pricing';
import { CartView } from './cart.views';

export class DiscountRefused extends DomainError {
  constructor(code: string, reason: DiscountRefusal) {
    super(reason === 'unknown' ? 'not_found' : 'unprocessable', `discount.${reason}`, REFUSAL_MESSAGES[reason], { discountCode: code, reason });
  }
}

/** Applies a code to the cart or says precisely why not; removing it always works. */
@Injectable()
export class ApplyDiscount {
  constructor(
    private readonly access: CartAccess,
    private readonly carts: CartRepository,
    private readonly discounts: DiscountRepository,
    private readonly pricing: CartPricing,
    private readonly unitOfWork: UnitOfWork,
  ) {}

  apply(caller: CartCaller, code: string): Promise<CartView> {
    return this.unitOfWork.run(async () => {
      const cart = await this.access.existingCartForWrite(caller);
      const discount = await this.discounts.findByCode(code);
      if (!discount) throw new DiscountRefused(code, 'unknown');
      const customerKey = caller.actor?.userId ?? null;
      const { view } = await this.pricing.quote(cart, customerKey);
      const refusal = discount.refusal(new Date(), view.subtotal, await this.pricing.usesBy(discount, customerKey));
      if (refusal) throw new DiscountRefused(discount.code, refusal);
      cart.applyDiscount(discount.code);
      await this.carts.save(cart);
      return (await this.pricing.quote(cart, customerKey)).view;
    });
  }

  remove(caller: CartCaller): Promise<CartView> {
    return this.unitOfWork.run(async () => {
      const cart = await this.access.existingCartForWrite(caller);
      cart.removeDiscount();
      await this.carts.save(cart);
      return (await this.pricing.quote(cart, caller.actor?.userId ?? null)).view;
    });
  }
}
