import { Injectable } from '@nestjs/common';
import { Actor, isAdmin } from '../../../shared/domain/actor';
import { Page } from '../../../shared/domain/page';
import { OrderListQuery, OrderRepository } from '../domain/order.ports';
import { OrderAccess, OrderCaller } from './order-access';
import { HistoryView, OrderView, OrderViews, toHistoryView } from './order.views';

/** Customers see their own orders; admins all of them (filterable by user). */
@Injectable()
export class ReadOrders {
  constructor(
    private readonly orders: OrderRepository,
    private readonly access: OrderAccess,
    private readonly views: OrderViews,
  ) {}

  async list(actor: Actor, query: OrderListQuery): Promise<Page<OrderView>> {
    const scoped = isAdmin(actor) ? query : { ...query, userId: actor.userId };
    const page = await this.orders.list(scoped);
    return { ...page, items: await this.views.many(page.items) };
  }

  async get(orderId: string, caller: OrderCaller): Promise<OrderView> {
    return this.views.of(await this.access.readable(orderId, caller));
  }

  async history(orderId: string, caller: OrderCaller): Promise<HistoryView[]> {
    await this.access.readable(orderId, caller);
    return (await this.orders.history(orderId)).map(toHistoryView);
  }
}
