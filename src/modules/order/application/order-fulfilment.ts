import { Injectable } from '@nestjs/common';
import { Actor } from '../../../shared/domain/actor';
import { VisitOrders } from '../contracts/visit-orders';
import { OrderActor } from '../domain/order';
import { OrderRepository } from '../domain/order.ports';
import { ChangeOrderStatus } from './change-order-status';

/** Provided to the booking context as VisitOrders: a visit's progress moves its order (service-only orders complete with it). */
@Injectable()
export class OrderFulfilment extends VisitOrders {
  constructor(
    private readonly orders: OrderRepository,
    private readonly status: ChangeOrderStatus,
  ) {
    super();
  }

  async lock(orderId: string): Promise<void> {
    await this.orders.findByIdForUpdate(orderId);
  }

  async visitStarted(orderId: string, actor: OrderActor): Promise<void> {
    const order = await this.orders.findByIdForUpdate(orderId);
    if (order?.status !== 'paid') return;
    order.changeStatus('processing', actor, 'repair visit started');
    await this.orders.save(order);
  }

  async visitCompleted(orderId: string, actor: OrderActor): Promise<void> {
    const order = await this.orders.findByIdForUpdate(orderId);
    if (!order?.serviceOnly) return;
    if (order.status === 'paid') order.changeStatus('processing', actor, 'repair visit started');
    if (order.status !== 'processing') return;
    order.changeStatus('completed', actor, 'repair visit completed');
    await this.orders.save(order);
  }

  async cancel(orderId: string, actor: Actor, reason: string): Promise<void> {
    await this.status.cancel(orderId, { actor }, reason);
  }
}
