import { Injectable } from '@nestjs/common';
import { OrderRepository } from '../domain/order.ports';
import { OrderAccess } from './order-access';
import { OrderView, OrderViews } from './order.views';

export interface OrderNotice {
  order: OrderView;
  /** Guest orders: the token the guest reads and pays the order with (X-Order-Token). */
  guestAccessToken: string | null;
}

/** Exported to other contexts (notifications): an order as it is now, with what its customer needs to reach it. */
@Injectable()
export class OrderNotices {
  constructor(
    private readonly orders: OrderRepository,
    private readonly views: OrderViews,
    private readonly access: OrderAccess,
  ) {}

  async find(orderId: string): Promise<OrderNotice | null> {
    const order = await this.orders.findById(orderId);
    if (!order) return null;
    return { order: await this.views.of(order), guestAccessToken: order.userId === null ? this.access.emailedAccessToken(order.id) : null };
  }

  /** The token mailed to a guest for the order (valid only while the order is a guest order). */
  guestAccessToken(orderId: string): string {
    return this.access.emailedAccessToken(orderId);
  }
}
