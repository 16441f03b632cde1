import { Injectable } from '@nestjs/common';
import { OrderActor } from '../domain/order';
import { OrderRepository } from '../domain/order.ports';

/** Exported to the booking context: a visit's progress moves its order (service-only orders complete with it). */
@Injectable()
export class OrderFulfilment {
  constructor(private readonly orders: OrderRepository) {}

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
}
