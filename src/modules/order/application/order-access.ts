import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AppConfig } from '../../../config/config';
import { canAccess } from '../../../shared/application/ownership';
import { Actor } from '../../../shared/domain/actor';
import { NotFoundError } from '../../../shared/domain/domain-error';
import { Order, OrderActor } from '../domain/order';
import { OrderRepository } from '../domain/order.ports';

/** Who asks about an order: a signed-in user, or a guest holding the order's access token. */
export interface OrderCaller {
  actor?: Actor;
  orderToken?: string;
}

const hash = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * Ownership of orders: the owner or an admin; for guest orders, whoever holds the access token
 * issued when the order was placed, or the one mailed to the guest. Anyone else is told the
 * order does not exist.
 */
@Injectable()
export class OrderAccess {
  constructor(
    private readonly orders: OrderRepository,
    private readonly config: AppConfig,
  ) {}

  /**
   * The guest's token for the order-placed email: derived from a server secret and the order id
   * (so it never has to be stored or put in an event), accepted beside the one the checkout
   * response returned. Rotating JWT_REFRESH_SECRET invalidates the mailed links.
   */
  emailedAccessToken(orderId: string): string {
    return createHmac('sha256', this.config.jwt.refreshSecret).update(`order-access:${orderId}`).digest('base64url');
  }

  static newAccessToken(): { token: string; hash: string } {
    const token = randomBytes(32).toString('base64url');
    return { token, hash: hash(token) };
  }

  /** A seller's rights are over their catalog: on an order they place or cancel they are its customer. */
  static actorOf(caller: OrderCaller): OrderActor {
    if (!caller.actor) return { id: null, role: 'customer' };
    return { id: caller.actor.userId, role: caller.actor.role === 'seller' ? 'customer' : caller.actor.role };
  }

  async readable(orderId: string, caller: OrderCaller, forUpdate = false): Promise<Order> {
    const order = forUpdate ? await this.orders.findByIdForUpdate(orderId) : await this.orders.findById(orderId);
    if (!order || !(await this.may(order, caller))) throw new NotFoundError('Order', orderId);
    return order;
  }

  private async may(order: Order, caller: OrderCaller): Promise<boolean> {
    if (order.userId !== null) return canAccess(caller.actor, order.userId);
    if (caller.actor?.role === 'admin') return true;
    if (!caller.orderToken) return false;
    if (sameText(caller.orderToken, this.emailedAccessToken(order.id))) return true;
    const stored = await this.orders.accessTokenHash(order.id);
    if (!stored) return false;
    const given = Buffer.from(hash(caller.orderToken));
    return given.length === stored.length && timingSafeEqual(given, Buffer.from(stored));
  }
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
