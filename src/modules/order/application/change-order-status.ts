import { Injectable } from '@nestjs/common';
import { UnitOfWork } from '../../../shared/application/unit-of-work';
import { Actor } from '../../../shared/domain/actor';
import { Shipment } from '../domain/order';
import { OrderStatus } from '../domain/order-status';
import { OrderRepository } from '../domain/order.ports';
import { OrderAccess, OrderCaller } from './order-access';
import { OrderView, OrderViews } from './order.views';

/** Admin status changes and cancellation (owner or admin), both through the state machine. */
@Injectable()
export class ChangeOrderStatus {
  constructor(
    private readonly orders: OrderRepository,
    private readonly access: OrderAccess,
    private readonly unitOfWork: UnitOfWork,
    private readonly views: OrderViews,
  ) {}

  setStatus(admin: Actor, orderId: string, to: OrderStatus, note: string | null, shipment?: Partial<Shipment>): Promise<OrderView> {
    return this.unitOfWork.run(async () => {
      const order = await this.access.readable(orderId, { actor: admin }, true);
      order.changeStatus(to, OrderAccess.actorOf({ actor: admin }), note, shipment);
      await this.orders.save(order);
      return this.views.of(order);
    });
  }

  cancel(orderId: string, caller: OrderCaller, reason: string | null): Promise<OrderView> {
    return this.unitOfWork.run(async () => {
      const order = await this.access.readable(orderId, caller, true);
      const actor = OrderAccess.actorOf(caller);
      // A visit's rules (the customer's cancellation cutoff) are booking's: its OrderCancelled handler vetoes in this transaction.
      order.cancel(actor, reason);
      await this.orders.save(order);
      return this.views.of(order);
    });
  }
}
