import { Injectable } from '@nestjs/common';
import { OrderActor } from '../domain/order';
import { OrderRepository } from '../domain/order.ports';

/** Exported to the booking context: a visit's progress moves its order (service-only orders complete with it). */
@Injectable()
export class OrderFulfilment {
  constructor(private readonly orders: OrderRepository) {}

  /**
   * Locks the order row. A visit's changes take it before the visit's own row, the order that
   * checkout, payment and cancellation (order first, then its booking in their event handlers)
   * take too, so that two of them on one visit wait for each other instead of deadlocking.
   */
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
}
