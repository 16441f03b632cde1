import { Injectable, OnModuleInit } from '@nestjs/common';
import { EventBus } from '../../../shared/application/event-bus';
import { UserSignedIn } from '../../identity/contracts/identity.events';
import { itemKey } from '../../catalog/application/catalog-items';
import { CartRepository } from '../domain/cart.ports';
import { CartPricing } from './cart-pricing';

/**
 * Login or registration with an X-Cart-Token merges that anonymous cart into the user's cart
 * (quantities summed, capped at what is available) and closes it, in the sign-in transaction.
 */
@Injectable()
export class MergeCartOnSignIn implements OnModuleInit {
  constructor(
    private readonly events: EventBus,
    private readonly carts: CartRepository,
    private readonly pricing: CartPricing,
  ) {}

  onModuleInit(): void {
    this.events.subscribe(UserSignedIn, (event) => this.merge(event), { order: 10 });
  }

  private async merge({ payload }: UserSignedIn): Promise<void> {
    if (!payload.cartTokenHash) return;
    const anonymous = await this.carts.findActiveForUpdate({ tokenHash: payload.cartTokenHash });
    if (!anonymous) return;
    const mine = await this.carts.getOrCreateForUser(payload.userId);
    const items = await this.pricing.itemsOf(anonymous.lines);
    mine.absorb(anonymous, (line) => {
      const item = items.get(itemKey({ kind: line.kind, id: line.itemId }));
      return item?.isActive ? { unitPrice: item.unitPrice, available: item.available } : null;
    });
    await this.carts.save(anonymous);
    await this.carts.save(mine);
  }
}
