import { Injectable } from '@nestjs/common';
import { AppConfig } from '../../../config/config';
import { UnitOfWork } from '../../../shared/application/unit-of-work';
import { Actor } from '../../../shared/domain/actor';
import { ValidationError } from '../../../shared/domain/domain-error';
import { ShippingOptions } from '../../shipping/contracts/shipping-options';
import { NewOrderLine, Order, OrderDiscount, ShippingAddress } from '../domain/order';
import { OrderRepository } from '../domain/order.ports';
import { OrderAccess } from './order-access';
import { OrderView, OrderViews } from './order.views';
import { UnpaidOrderCaps } from './unpaid-order-caps';

/** What the order is for, priced by the checkout: the cart's quote, or directly named services. */
export interface OrderQuote {
  lines: NewOrderLine[];
  discount: Omit<OrderDiscount, 'amount'> | null;
  currency: string;
}

export interface PlaceOrderCommand {
  actor?: Actor;
  quote: OrderQuote;
  shippingAddress?: ShippingAddress;
  /** A shipping method's code: required when the order has products, refused otherwise. */
  shippingMethod?: string;
  email?: string;
  /** The caller's network address (unpaid-order caps). */
  clientAddress?: string;
}

/**
 * The order context's application API for checkout: the quoted lines become an order, inside the
 * checkout's transaction. OrderPlaced makes the catalog reserve stock (a shortfall fails the whole
 * checkout) and the unpaid order counts against its buyer's caps.
 */
@Injectable()
export class PlaceOrder {
  constructor(
    private readonly orders: OrderRepository,
    private readonly unitOfWork: UnitOfWork,
    private readonly unpaidCaps: UnpaidOrderCaps,
    private readonly views: OrderViews,
    private readonly shipping: ShippingOptions,
    private readonly config: AppConfig,
  ) {}

  /** Who buys, as discount limits count it: the account, or a guest's email (required without one). */
  static customerKey(cmd: Pick<PlaceOrderCommand, 'actor' | 'email'>): string {
    if (!cmd.actor && !cmd.email) throw new ValidationError('email', 'is required for guest checkout');
    return cmd.actor ? cmd.actor.userId : `email:${cmd.email?.toLowerCase()}`;
  }

  /** The order's view, with the guest's access token (once) when there is no account. */
  execute(cmd: PlaceOrderCommand): Promise<OrderView> {
    PlaceOrder.customerKey(cmd);
    return this.unitOfWork.run(async () => {
      if (cmd.shippingMethod && !cmd.quote.lines.some((l) => l.kind === 'product')) {
        throw new ValidationError('shippingMethod', 'is only for orders with products to ship', 'order.shipping_method_not_applicable');
      }
      const method = cmd.shippingMethod ? await this.shipping.chosen(cmd.shippingMethod) : null;
      const order = Order.place({
        number: await this.orders.nextNumber(),
        userId: cmd.actor?.userId ?? null,
        guestEmail: cmd.actor ? null : (cmd.email ?? null),
        currency: cmd.quote.currency,
        lines: cmd.quote.lines.map((l) => ({ kind: l.kind, itemId: l.itemId, name: l.name, unitPrice: l.unitPrice, quantity: l.quantity, vatRate: l.vatRate })),
        discount: cmd.quote.discount
          ? { code: cmd.quote.discount.code, type: cmd.quote.discount.type, value: cmd.quote.discount.value, appliesTo: cmd.quote.discount.appliesTo }
          : null,
        shippingAddress: cmd.shippingAddress ?? null,
        shippingMethod: method && { code: method.code, name: method.name, price: method.price, freeOverSubtotal: method.freeOverSubtotal },
        shippingVatRate: this.config.vatRatePercent,
        actor: OrderAccess.actorOf(cmd),
      });
      const access = cmd.actor ? undefined : OrderAccess.newAccessToken();
      await this.orders.save(order, access?.hash);
      if (order.status === 'pending') await this.unpaidCaps.admit(order.id, { userId: cmd.actor?.userId ?? null, email: cmd.email ?? null, clientAddress: cmd.clientAddress ?? null });
      return { ...(await this.views.of(order)), ...(access ? { accessToken: access.token } : {}) };
    });
  }
}
