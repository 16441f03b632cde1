import { Injectable } from '@nestjs/common';
import { UnitOfWork } from '../../../shared/application/unit-of-work';
import { Actor } from '../../../shared/domain/actor';
import { UnprocessableError, ValidationError } from '../../../shared/domain/domain-error';
import { CartCheckout } from '../../cart/application/cart-checkout';
import { Order, ShippingAddress } from '../domain/order';
import { OrderRepository } from '../domain/order.ports';
import { OrderAccess } from './order-access';
import { OrderView, toOrderView } from './order.views';
import { VisitRequest, VisitSchedulerRegistry } from './visit-scheduler';

export interface PlaceOrderCommand {
  actor?: Actor;
  cartToken?: string;
  cartItemIds?: string[];
  shippingAddress?: ShippingAddress;
  email?: string;
  visit?: VisitRequest;
}

/**
 * Checkout: the cart (or the chosen lines) becomes an order in one transaction. OrderPlaced makes
 * the catalog reserve stock, the discount use is counted, a visit is held for services, and the
 * bought lines leave the cart; any shortfall fails the whole checkout and nothing is written.
 */
@Injectable()
export class PlaceOrder {
  constructor(
    private readonly orders: OrderRepository,
    private readonly checkout: CartCheckout,
    private readonly visits: VisitSchedulerRegistry,
    private readonly unitOfWork: UnitOfWork,
  ) {}

  execute(cmd: PlaceOrderCommand): Promise<OrderView> {
    if (!cmd.actor && !cmd.email) throw new ValidationError('email', 'is required for guest checkout');
    const customerKey = cmd.actor ? cmd.actor.userId : `email:${cmd.email?.toLowerCase()}`;
    return this.unitOfWork.run(async () => {
      const quote = await this.checkout.begin({ actor: cmd.actor, cartToken: cmd.cartToken }, customerKey, cmd.cartItemIds);
      const services = quote.lines.filter((l) => l.kind === 'service');
      if (services.length && !cmd.visit) {
        throw new UnprocessableError('order.visit_required', 'The cart has repair services: a visit {start, address} is required');
      }
      if (!services.length && cmd.visit) throw new ValidationError('visit', 'is only for carts with repair services');
      const order = Order.place({
        number: await this.orders.nextNumber(),
        userId: cmd.actor?.userId ?? null,
        guestEmail: cmd.actor ? null : (cmd.email ?? null),
        currency: quote.currency,
        lines: quote.lines.map((l) => ({ kind: l.kind, itemId: l.itemId, name: l.name, unitPrice: l.unitPrice, quantity: l.quantity })),
        discount: quote.discount
          ? { code: quote.discount.code, type: quote.discount.type, value: quote.discount.value, appliesTo: quote.discount.appliesTo }
          : null,
        shippingAddress: cmd.shippingAddress ?? null,
        actor: OrderAccess.actorOf(cmd),
      });
      const access = cmd.actor ? undefined : OrderAccess.newAccessToken();
      await this.orders.save(order, access?.hash);
      const booking =
        services.length && cmd.visit
          ? await this.visits.hold({
              orderId: order.id,
              customerId: cmd.actor?.userId ?? null,
              lines: services.map((l) => ({ serviceId: l.itemId, name: l.name, unitPrice: l.unitPrice, quantity: l.quantity, durationMinutes: l.durationMinutes })),
              visit: cmd.visit,
            })
          : undefined;
      await this.checkout.complete(quote, order.id, customerKey);
      return { ...toOrderView(order), ...(access ? { accessToken: access.token } : {}), ...(booking ? { bookingId: booking.bookingId } : {}) };
    });
  }
}
