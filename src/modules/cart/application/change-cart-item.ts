import { Injectable } from '@nestjs/common';
import { UnitOfWork } from '../../../shared/application/unit-of-work';
import { CartRepository } from '../domain/cart.ports';
import { CartAccess, CartCaller } from './cart-access';
import { CartPricing } from './cart-pricing';
import { CartView } from './cart.views';

/** Sets a line's quantity or removes the line; another cart's line id is simply not found. */
@Injectable()
export class ChangeCartItem {
  constructor(
    private readonly access: CartAccess,
    private readonly carts: CartRepository,
    private readonly pricing: CartPricing,
    private readonly unitOfWork: UnitOfWork,
  ) {}

  setQuantity(caller: CartCaller, lineId: string, quantity: number): Promise<CartView> {
    return this.change(caller, async (cart) => {
      const line = cart.line(lineId);
      const facts = await this.pricing.facts(line.kind, line.itemId);
      // A deactivated item can still be reduced or removed, never raised.
      cart.changeQuantity(lineId, quantity, facts ?? { unitPrice: line.unitPriceAtAdd, available: Math.min(quantity, line.quantity) });
    });
  }

  remove(caller: CartCaller, lineId: string): Promise<CartView> {
    return this.change(caller, async (cart) => cart.removeLine(lineId));
  }

  private change(caller: CartCaller, work: (cart: Awaited<ReturnType<CartAccess['existingCartForWrite']>>) => Promise<void>): Promise<CartView> {
    return this.unitOfWork.run(async () => {
      const cart = await this.access.existingCartForWrite(caller);
      await work(cart);
      await this.carts.save(cart);
      return (await this.pricing.quote(cart, caller.actor?.userId ?? null)).view;
    });
  }
}
