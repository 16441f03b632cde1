import { Injectable } from '@nestjs/common';
import { UnitOfWork } from '../../../shared/application/unit-of-work';
import { Actor } from '../../../shared/domain/actor';
import { UnprocessableError, ValidationError } from '../../../shared/domain/domain-error';
import { BookingView, VisitHolds, VisitRequest } from '../../booking/contracts/visit-holds';
import { PlaceOrder, PlaceOrderCommand } from '../../order/application/place-order';
import type { OrderView } from '../../order/application/order.views';
import { CheckoutQuotes } from './checkout-quotes';

export interface CheckoutCommand {
  actor?: Actor;
  cartToken?: string;
  cartItemIds?: string[];
  /** Repair services to book directly (POST bookings) instead of checking out the cart. */
  serviceItems?: { serviceId: string; quantity: number }[];
  shippingAddress?: PlaceOrderCommand['shippingAddress'];
  shippingMethod?: PlaceOrderCommand['shippingMethod'];
  email?: string;
  visit?: VisitRequest;
  /** The caller's network address (unpaid-order caps). */
  clientAddress?: string;
}

export interface CreateBookingCommand {
  items: { serviceId: string; quantity: number }[];
  start: string;
  address: string;
  notes?: string;
}

export type PlacedOrder = OrderView & { bookingId?: string };
export type BookedVisit = BookingView & { order: { id: string; number: number; total: number; currency: string } };

/**
 * The one place that turns a cart (or directly named repair services) into an order and its
 * visit, in one transaction: the quote locks and prices the lines, the order is placed (stock is
 * reserved by its OrderPlaced handlers), a technician's time is held for its services, and the
 * bought lines leave the cart. Any failure (stock, slot, discount, caps) rolls all of it back.
 * Orders never call booking: after this, booking follows the order through its events.
 */
@Injectable()
export class Checkout {
  constructor(
    private readonly quotes: CheckoutQuotes,
    private readonly orders: PlaceOrder,
    private readonly visits: VisitHolds,
    private readonly unitOfWork: UnitOfWork,
  ) {}

  /** POST orders. The transaction's result is the response (it is what an Idempotency-Key stores). */
  placeOrder(cmd: CheckoutCommand): Promise<PlacedOrder> {
    const customerKey = PlaceOrder.customerKey(cmd);
    return this.unitOfWork.run(async () => {
      const { order, bookingId } = await this.run(cmd, customerKey);
      return { ...order, ...(bookingId ? { bookingId } : {}) };
    });
  }

  /** POST bookings: the checkout of service items only; answers with the visit and the order to pay. */
  bookVisit(actor: Actor, cmd: CreateBookingCommand, clientAddress?: string): Promise<BookedVisit> {
    // Checked first so that the error names this request's own field (the cart checkout names visit.address).
    this.visits.checkAddress(cmd.address, 'address');
    return this.unitOfWork.run(async () => {
      const visit = { start: cmd.start, address: cmd.address, notes: cmd.notes };
      const { order, bookingId } = await this.run({ actor, serviceItems: cmd.items, visit, clientAddress }, PlaceOrder.customerKey({ actor }));
      return { ...(await this.visits.view(bookingId as string)), order: { id: order.id, number: order.number, total: order.total, currency: order.currency } };
    });
  }

  private async run(cmd: CheckoutCommand, customerKey: string): Promise<{ order: OrderView; bookingId?: string }> {
    const quote = cmd.serviceItems ? await this.quotes.ofServices(cmd.serviceItems) : await this.quotes.ofCart(cmd, customerKey, cmd.cartItemIds);
    const services = quote.lines.filter((l) => l.kind === 'service');
    if (services.length && !cmd.visit) {
      throw new UnprocessableError('order.visit_required', 'The order has repair services: a visit {start, address} is required');
    }
    if (!services.length && cmd.visit) throw new ValidationError('visit', 'is only for orders with repair services');
    const order = await this.orders.execute({
      actor: cmd.actor,
      email: cmd.email,
      shippingAddress: cmd.shippingAddress,
      shippingMethod: cmd.shippingMethod,
      clientAddress: cmd.clientAddress,
      quote,
    });
    const held =
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
    await quote.complete(order.id);
    return { order, bookingId: held?.bookingId };
  }
}
