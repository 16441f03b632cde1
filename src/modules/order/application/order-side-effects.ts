import { randomUUID } from 'node:crypto';
import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { EventBus } from '../../../shared/application/event-bus';
import { CartCheckout } from '../../cart/application/cart-checkout';
import { StockReservations } from '../../catalog/application/stock-reservations';
import { VerifiedPurchases } from '../../catalog/application/verified-purchases';
import { PaymentRefunded, PaymentSucceeded } from '../../payment/contracts/payment.events';
import { ON_ORDER_CANCELLED, ON_ORDER_STATUS_CHANGED } from '../contracts/order.events';
import { OrderCancelled, OrderItemsAdded, OrderPlaced, OrderStatusChanged } from '../domain/order.events';
import { OrderRepository } from '../domain/order.ports';

export const stockReference = (orderId: string): string => `order:${orderId}`;

const SYSTEM = { id: null, role: 'system' as const };

/**
 * What follows from order events, inside the transaction that raised them: stock is reserved,
 * sold or released; history rows are written; payments move the order; cancellations give the
 * discount use back. A failing handler rolls the whole change back.
 */
@Injectable()
export class OrderSideEffects implements OnModuleInit {
  private readonly logger = new Logger(OrderSideEffects.name);

  constructor(
    private readonly events: EventBus,
    private readonly orders: OrderRepository,
    private readonly stock: StockReservations,
    private readonly purchases: VerifiedPurchases,
    private readonly cart: CartCheckout,
  ) {}

  onModuleInit(): void {
    const first = { order: 10 };
    this.events.subscribe(
      OrderPlaced,
      async (e) => {
        // Parts fitted on a visit left stock when the technician recorded them: nothing to reserve.
        if (e.payload.partsBookingId) return;
        await this.stock.reserve(e.payload.productLines, stockReference(e.payload.orderId), e.payload.userId);
      },
      first,
    );
    this.events.subscribe(OrderItemsAdded, (e) => this.stock.reserve(e.payload.productLines, stockReference(e.payload.orderId), null), first);
    this.events.subscribe(OrderStatusChanged, (e) => this.onStatusChanged(e), { order: ON_ORDER_STATUS_CHANGED.recordHistory });
    this.events.subscribe(
      OrderCancelled,
      async (e) => {
        await this.stock.release(stockReference(e.payload.orderId), e.payload.actorId);
        await this.cart.releaseDiscount(e.payload.orderId);
      },
      { order: ON_ORDER_CANCELLED.releaseStock },
    );
    this.events.subscribe(PaymentSucceeded, (e) => this.onPaymentSucceeded(e), first);
    this.events.subscribe(PaymentRefunded, (e) => this.onPaymentRefunded(e), first);
  }

  private async onStatusChanged(e: OrderStatusChanged): Promise<void> {
    const p = e.payload;
    await this.orders.appendHistory({ id: randomUUID(), orderId: p.orderId, from: p.from, to: p.to, at: e.occurredAt, actorId: p.actorId, actorRole: p.actorRole, note: p.note, carrier: p.carrier, trackingNumber: p.trackingNumber });
    const ref = stockReference(p.orderId);
    if (p.to === 'shipped') await this.stock.commit(ref, p.actorId);
    if (p.to === 'refunded') await this.stock.release(ref, p.actorId);
    if (p.to === 'paid' && p.userId && p.productIds.length) await this.purchases.record(p.userId, p.productIds, p.orderId);
  }

  private async onPaymentSucceeded(e: PaymentSucceeded): Promise<void> {
    const order = await this.orders.findByIdForUpdate(e.payload.orderId);
    // A payment settling after the order was cancelled, or for a total it no longer has, does not
    // pay it: the payment context refunds such a payment.
    if (order?.status !== 'pending' || order.total !== e.payload.amount) return;
    order.markPaid(SYSTEM);
    await this.orders.save(order);
  }

  private async onPaymentRefunded(e: PaymentRefunded): Promise<void> {
    if (!e.payload.fullyRefunded) return;
    const order = await this.orders.findByIdForUpdate(e.payload.orderId);
    if (!order || !order.allowedTransitions().includes('refunded')) return;
    order.markRefunded(SYSTEM, 'payment fully refunded');
    await this.orders.save(order);
  }
}
