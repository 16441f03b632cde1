import { Injectable, OnModuleInit } from '@nestjs/common';
import type { EventContract } from '../../../shared/application/event-handlers';
import { CommittedEvent, PayloadOf, SideEffectHandler, SideEffects } from '../../../shared/application/side-effects';
import { DomainEvent } from '../../../shared/domain/domain-event';
import { BookingCancelled, BookingConfirmed, BookingRescheduled } from '../../booking/contracts/booking.events';
import { UserRegistered } from '../../identity/contracts/identity.events';
import { OrderCancelled, OrderPlaced, OrderStatusChanged, OrderStatusChangedPayload } from '../../order/contracts/order.events';
import { PaymentRefunded } from '../../payment/contracts/payment.events';
import { NotificationDraft, OrderData, TemplateMessage } from '../domain/notification';
import { NotificationFacts } from './notification-facts';
import { PlanNotifications } from './plan-notifications';
import { VisitNotifications } from './visit-notifications';

/**
 * Which event sends which email, after commit, from the outbox: each event is one side-effect
 * delivery (retried by the outbox machinery until the emails are planned), and planning is
 * idempotent per (event, recipient, template).
 */
@Injectable()
export class NotifyOnEvents implements OnModuleInit {
  constructor(
    private readonly sideEffects: SideEffects,
    private readonly facts: NotificationFacts,
    private readonly planner: PlanNotifications,
    private readonly visits: VisitNotifications,
  ) {}

  onModuleInit(): void {
    this.on(UserRegistered, 'notification.welcome', async (e) => {
      const user = await this.facts.user(e.payload.userId);
      await this.planner.plan([{ dedupeKey: e.eventId, recipient: user?.email ?? e.payload.email, template: 'welcome', data: { fullName: user?.fullName ?? '' }, orderId: null, bookingId: null }]);
    });
    this.on(OrderPlaced, 'notification.order-placed', (e) => this.toCustomer(e, e.payload.orderId, (order) => ({ template: 'order-placed', data: { order } })));
    this.on(OrderStatusChanged, 'notification.order-status', (e) => this.onStatusChanged(e));
    this.on(OrderCancelled, 'notification.order-cancelled', (e) =>
      this.toCustomer(e, e.payload.orderId, (order) => ({ template: 'order-cancelled', data: { order, reason: e.payload.reason } })),
    );
    this.on(PaymentRefunded, 'notification.order-refunded', (e) =>
      this.toCustomer(e, e.payload.orderId, (order) => ({ template: 'order-refunded', data: { order, amount: e.payload.refunded, fullyRefunded: e.payload.fullyRefunded } })),
    );
    this.on(BookingConfirmed, 'notification.visit-confirmed', (e) => this.visits.confirmed(e));
    this.on(BookingRescheduled, 'notification.visit-rescheduled', (e) => this.visits.rescheduled(e));
    this.on(BookingCancelled, 'notification.visit-cancelled', (e) => this.visits.cancelled(e));
  }

  /**
   * Nobody waits for an email: planning them is left to the dispatcher job (within
   * SIDE_EFFECT_INTERVAL_MS) instead of the request that committed, so it adds nothing to its latency.
   */
  private on<E extends DomainEvent>(event: EventContract<E>, consumer: string, handler: SideEffectHandler<PayloadOf<E>>): void {
    this.sideEffects.register(event, consumer, handler, { deferred: true });
  }

  private onStatusChanged(e: CommittedEvent<OrderStatusChangedPayload>): Promise<void> {
    const p = e.payload;
    if (p.to === 'paid') return this.toCustomer(e, p.orderId, (order) => ({ template: 'order-paid', data: { order } }));
    if (p.to === 'shipped') {
      // `?? null`: events written before the contract carried them have neither field.
      const shipment = { carrier: p.carrier ?? null, trackingNumber: p.trackingNumber ?? null };
      return this.toCustomer(e, p.orderId, (order) => ({ template: 'order-shipped', data: { order, ...shipment } }));
    }
    return Promise.resolve();
  }

  private async toCustomer(e: CommittedEvent, orderId: string, message: (order: OrderData) => TemplateMessage): Promise<void> {
    const order = await this.facts.order(orderId);
    if (!order?.email) return;
    const draft: NotificationDraft = { ...message(order.data), dedupeKey: e.eventId, recipient: order.email, orderId, bookingId: null };
    await this.planner.plan([draft]);
  }
}
