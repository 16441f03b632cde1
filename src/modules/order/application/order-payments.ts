import { Injectable } from '@nestjs/common';
import { ConflictError } from '../../../shared/domain/domain-error';
import { OrderRepository } from '../domain/order.ports';
import { OrderAccess, OrderCaller } from './order-access';

export interface PayableOrder {
  orderId: string;
  total: number;
  currency: string;
  userId: string | null;
}

/** Exported to the payment context, which knows orders only by id. */
@Injectable()
export class OrderPayments {
  constructor(
    private readonly access: OrderAccess,
    private readonly orders: OrderRepository,
  ) {}

  /** The order, row-locked for the caller's transaction, if the caller may pay it and it awaits payment. */
  async payable(orderId: string, caller: OrderCaller): Promise<PayableOrder> {
    const order = await this.access.readable(orderId, caller, true);
    if (order.status !== 'pending') {
      throw new ConflictError('order.not_payable', `Order is ${order.status}; only pending orders can be paid`, { orderStatus: order.status });
    }
    return { orderId: order.id, total: order.total, currency: order.snapshot().currency, userId: order.userId };
  }

  /**
   * Whether a payment of `amount` may still pay this order (a webhook may settle late, after the
   * order was cancelled or its total changed); locks the order.
   */
  async stillPayable(orderId: string, amount: number): Promise<boolean> {
    const order = await this.orders.findByIdForUpdate(orderId);
    return order?.status === 'pending' && order.total === amount;
  }

  /** A confirmation goes to the provider: the order's total stays as it is until it settles. */
  holdForPayment(orderId: string): Promise<void> {
    return this.orders.setPaymentHold(orderId, true);
  }

  releasePaymentHold(orderId: string): Promise<void> {
    return this.orders.setPaymentHold(orderId, false);
  }

  /** Locks the order row (refunds take the same lock order as checkout and cancellation: order, then payment). */
  async lock(orderId: string): Promise<void> {
    await this.orders.findByIdForUpdate(orderId);
  }

  /** Read access for payment reads: the order's owner, an admin, or the guest's token holder. */
  async assertReadable(orderId: string, caller: OrderCaller): Promise<void> {
    await this.access.readable(orderId, caller);
  }
}
