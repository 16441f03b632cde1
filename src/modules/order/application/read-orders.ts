import { Injectable } from '@nestjs/common';
import { Actor, isAdmin } from '../../../shared/domain/actor';
import { Page } from '../../../shared/domain/page';
import { OrderListQuery, OrderRepository } from '../domain/order.ports';
import { OrderAccess, OrderCaller } from './order-access';
import { HistoryView, OrderView, toHistoryView, toOrderView } from './order.views';

/** Customers see their own orders; admins all of them (filterable by user). */
@Injectable()
export class ReadOrders {
  constructor(
    private readonly orders: OrderRepository,
    private readonly access: OrderAccess,
  ) {}

  async list(actor: Actor, query: OrderListQuery): Promise<Page<OrderView>> {
    const scoped = isAdmin(actor) ? query : { ...query, userId: actor.userId };
    const page = await this.orders.list(scoped);
    return { ...page, items: page.items.map(toOrderView) };
  }

  async get(orderId: string, caller: OrderCaller): Promise<OrderView> {
    return toOrderView(await this.access.readable(orderId, caller));
  }

  async history(orderId: string, caller: OrderCaller): Promise<HistoryView[]> {
    await this.access.readable(orderId, caller);
    return (await this.orders.history(orderId)).map(toHistoryView);
  }
}
