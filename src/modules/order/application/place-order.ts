import { Injectable } from '@nestjs/common';
import { AppConfig } from '../../../config/config';
import { UnitOfWork } from '../../../shared/application/unit-of-work';
import { Actor } from '../../../shared/domain/actor';
import { NotFoundError, UnprocessableError, ValidationError } from '../../../shared/domain/domain-error';
import { CartCheckout, CheckoutLine, CheckoutQuote } from '../../cart/application/cart-checkout';
import { CatalogItems, itemKey } from '../../catalog/application/catalog-items';
import { ShippingOptions } from '../../shipping/contracts/shipping-options';
import { Order, ShippingAddress } from '../domain/order';
import { OrderRepository } from '../domain/order.ports';
import { OrderAccess } from './order-access';
import { OrderView, OrderViews } from './order.views';
import { UnpaidOrderCaps } from './unpaid-order-caps';
import { VisitRequest, VisitSchedulerRegistry } from './visit-scheduler';

export interface PlaceOrderCommand {
  actor?: Actor;
  cartToken?: string;
  cartItemIds?: string[];
  /** Repair services to book directly (POST bookings) instead of checking out the cart. */
  serviceItems?: { serviceId: string; quantity: number }[];
  shippingAddress?: ShippingAddress;
  /** A shipping method's code: required when the order has products, refused otherwise. */
  shippingMethod?: string;
  email?: string;
  visit?: VisitRequest;
  /** The caller's network address (unpaid-order caps). */
  clientAddress?: string;
}

/** Where an order's lines come from: the caller's cart, or service items named directly. */
interface LineSource {
  lines: CheckoutLine[];
  discount: CheckoutQuote['discount'];
  currency: string;
  complete(orderId: string): Promise<void>;
}

/**
 * Checkout: the cart (or the chosen lines, or directly named services) becomes an order in one
 * transaction. OrderPlaced makes the catalog reserve stock, the discount use is counted, a visit
 * is held for services, and the bought lines leave the cart; any shortfall fails the whole
 * checkout and nothing is written.
 */
@Injectable()
export class PlaceOrder {
  constructor(
    private readonly orders: OrderRepository,
    private readonly checkout: CartCheckout,
    private readonly catalog: CatalogItems,
    private readonly visits: VisitSchedulerRegistry,
    private readonly unitOfWork: UnitOfWork,
    private readonly config: AppConfig,
    private readonly unpaidCaps: UnpaidOrderCaps,
    private readonly views: OrderViews,
    private readonly shipping: ShippingOptions,
  ) {}

  execute(cmd: PlaceOrderCommand): Promise<OrderView> {
    if (!cmd.actor && !cmd.email) throw new ValidationError('email', 'is required for guest checkout');
    const customerKey = cmd.actor ? cmd.actor.userId : `email:${cmd.email?.toLowerCase()}`;
    return this.unitOfWork.run(async () => {
      const source = cmd.serviceItems ? await this.directServices(cmd.serviceItems) : await this.fromCart(cmd, customerKey);
      const services = source.lines.filter((l) => l.kind === 'service');
      if (services.length && !cmd.visit) {
        throw new UnprocessableError('order.visit_required', 'The order has repair services: a visit {start, address} is required');
      }
      if (!services.length && cmd.visit) throw new ValidationError('visit', 'is only for orders with repair services');
      if (cmd.shippingMethod && !source.lines.some((l) => l.kind === 'product')) {
        throw new ValidationError('shippingMethod', 'is only for orders with products to ship', 'order.shipping_method_not_applicable');
      }
      const shippingMethod = cmd.shippingMethod ? await this.shipping.chosen(cmd.shippingMethod) : null;
      const order = Order.place({
        number: await this.orders.nextNumber(),
        userId: cmd.actor?.userId ?? null,
        guestEmail: cmd.actor ? null : (cmd.email ?? null),
        currency: source.currency,
        lines: source.lines.map((l) => ({ kind: l.kind, itemId: l.itemId, name: l.name, unitPrice: l.unitPrice, quantity: l.quantity, vatRate: l.vatRate })),
        discount: source.discount
          ? { code: source.discount.code, type: source.discount.type, value: source.discount.value, appliesTo: source.discount.appliesTo }
          : null,
        shippingAddress: cmd.shippingAddress ?? null,
        shippingMethod: shippingMethod && { code: shippingMethod.code, name: shippingMethod.name, price: shippingMethod.price, freeOverSubtotal: shippingMethod.freeOverSubtotal },
        shippingVatRate: this.config.vatRatePercent,
        actor: OrderAccess.actorOf(cmd),
      });
      const access = cmd.actor ? undefined : OrderAccess.newAccessToken();
      await this.orders.save(order, access?.hash);
      if (order.status === 'pending') await this.unpaidCaps.admit(order.id, { userId: cmd.actor?.userId ?? null, email: cmd.email ?? null, clientAddress: cmd.clientAddress ?? null });
      const booking =
        services.length && cmd.visit
          ? await this.visits.hold({
              orderId: order.id,
              orderPaid: order.status === 'paid',
              customerId: cmd.actor?.userId ?? null,
              lines: services.map((l) => ({
                serviceId: l.itemId,
                name: l.name,
                unitPrice: l.unitPrice,
                quantity: l.quantity,
                durationMinutes: l.durationMinutes,
                serviceType: l.serviceType,
              })),
              visit: cmd.visit,
            })
          : undefined;
      await source.complete(order.id);
      return { ...(await this.views.of(order)), ...(access ? { accessToken: access.token } : {}), ...(booking ? { bookingId: booking.bookingId } : {}) };
    });
  }

  private async fromCart(cmd: PlaceOrderCommand, customerKey: string): Promise<LineSource> {
    const quote = await this.checkout.begin({ actor: cmd.actor, cartToken: cmd.cartToken }, customerKey, cmd.cartItemIds);
    return { ...quote, complete: (orderId) => this.checkout.complete(quote, orderId, customerKey) };
  }

  private async directServices(items: { serviceId: string; quantity: number }[]): Promise<LineSource> {
    const found = await this.catalog.find(items.map((i) => ({ kind: 'service' as const, id: i.serviceId })));
    const lines = items.map((i, index): CheckoutLine => {
      const service = found.get(itemKey({ kind: 'service', id: i.serviceId }));
      if (!service?.isActive) throw new NotFoundError('Service', i.serviceId);
      return {
        cartItemId: `direct-${index}`,
        kind: 'service',
        itemId: service.id,
        name: service.name,
        unitPrice: service.unitPrice,
        quantity: i.quantity,
        lineTotal: service.unitPrice * i.quantity,
        vatRate: this.config.vatRatePercent,
        durationMinutes: service.durationMinutes,
        serviceType: service.serviceType,
      };
    });
    return { lines, discount: null, currency: this.config.currency, complete: async () => undefined };
  }
}
