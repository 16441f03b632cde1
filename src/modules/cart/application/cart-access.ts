import { createHash, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Actor } from '../../../shared/domain/actor';
import { NotFoundError } from '../../../shared/domain/domain-error';
import { Cart } from '../domain/cart';
import { CartOwner, CartRepository } from '../domain/cart.ports';

/** Who a cart request is for: the signed-in user, or the holder of an anonymous cart token. */
export interface CartCaller {
  actor?: Actor;
  cartToken?: string;
}

const TOKEN = /^[A-Za-z0-9_-]{43}$/;

@Injectable()
export class CartAccess {
  constructor(private readonly carts: CartRepository) {}

  static hashToken(token: string): string {
    return createHash('sha256').update(token).digest('hex');
  }

  /** The caller's cart owner, or null for an anonymous caller without a (well-formed) token. */
  owner(caller: CartCaller): CartOwner | null {
    if (caller.actor) return { userId: caller.actor.userId };
    if (caller.cartToken && TOKEN.test(caller.cartToken)) return { tokenHash: CartAccess.hashToken(caller.cartToken) };
    return null;
  }

  /** The caller's active cart locked for writing; created on first write. A new token is returned with a new anonymous cart. */
  async cartForWrite(caller: CartCaller): Promise<{ cart: Cart; newToken?: string }> {
    if (caller.actor) return { cart: await this.carts.getOrCreateForUser(caller.actor.userId) };
    if (caller.cartToken) {
      // Any token sent, well-formed or not, must name an active cart: a stale or mangled one is
      // a 404 the client acts on, as on GET, never a silent switch to a new empty cart.
      const owner = this.owner(caller);
      const cart = owner ? await this.carts.findActiveForUpdate(owner) : null;
      if (!cart) throw new NotFoundError('Cart');
      return { cart };
    }
    const token = randomBytes(32).toString('base64url');
    const cart = Cart.anonymous(CartAccess.hashToken(token));
    await this.carts.save(cart);
    return { cart, newToken: token };
  }

  /** For changes to an existing cart (lines, discount): there must already be one. */
  async existingCartForWrite(caller: CartCaller): Promise<Cart> {
    const owner = this.owner(caller);
    const cart = owner ? await this.carts.findActiveForUpdate(owner) : null;
    if (!cart) throw new NotFoundError('Cart');
    return cart;
  }
}
