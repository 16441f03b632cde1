import { Injectable } from '@nestjs/common';
import { VisitNotices } from '../../booking/application/visit-notices';
import type { BookingView } from '../../booking/application/booking.views';
import { UserDirectory } from '../../identity/application/user-directory';
import { OrderNotices } from '../../order/application/order-notices';
import { OrderData, VisitData } from '../domain/notification';

export interface OrderFacts {
  data: OrderData;
  /** The customer's address: the account's email, or the guest's. */
  email: string | null;
}

export interface VisitFacts {
  view: BookingView;
  customerEmail: string | null;
  technicianEmail: string | null;
  data: (sequence: number) => VisitData;
}

/** What the emails say, read from the other contexts' public application APIs when they are planned. */
@Injectable()
export class NotificationFacts {
  constructor(
    private readonly orders: OrderNotices,
    private readonly visits: VisitNotices,
    private readonly users: UserDirectory,
  ) {}

  async user(userId: string): Promise<{ email: string; fullName: string } | null> {
    const user = await this.users.find(userId);
    return user ? { email: user.email, fullName: user.fullName } : null;
  }

  async order(orderId: string): Promise<OrderFacts | null> {
    const found = await this.orders.find(orderId);
    if (!found) return null;
    const o = found.order;
    const email = o.userId ? ((await this.users.find(o.userId))?.email ?? null) : o.guestEmail;
    return {
      email,
      data: {
        orderId: o.id,
        number: o.number,
        currency: o.currency,
        items: o.items.map((i) => ({ name: i.name, quantity: i.quantity, unitPrice: i.unitPrice, lineTotal: i.lineTotal })),
        subtotal: o.subtotal,
        discount: o.discount,
        shipping: o.shippingMethod ? { name: o.shippingMethod.name, amount: o.shipping } : null,
        total: o.total,
        vatTotal: o.vatTotal,
        guest: o.userId === null,
      },
    };
  }

  async visit(bookingId: string): Promise<VisitFacts | null> {
    const view = await this.visits.find(bookingId);
    return view ? this.visitOf(view) : null;
  }

  /** Confirmed visits starting in [from, to). */
  async visitsStarting(from: Date, to: Date, limit: number): Promise<BookingView[]> {
    return this.visits.confirmedStarting(from, to, limit);
  }

  async visitOf(view: BookingView): Promise<VisitFacts> {
    const [order, technician] = await Promise.all([this.order(view.orderId), this.users.find(view.technicianId)]);
    return {
      view,
      customerEmail: order?.email ?? null,
      technicianEmail: technician?.email ?? null,
      data: (sequence) => ({
        bookingId: view.id,
        orderId: view.orderId,
        start: view.start,
        end: view.end,
        address: view.address,
        services: view.items.map((i) => (i.quantity > 1 ? `${i.quantity} x ${i.name}` : i.name)),
        notes: view.notes,
        sequence,
      }),
    };
  }

  /** A technician's address by user id. */
  async email(userId: string): Promise<string | null> {
    return (await this.users.find(userId))?.email ?? null;
  }
}
