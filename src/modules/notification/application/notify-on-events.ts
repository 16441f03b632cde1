import { Injectable, OnModuleInit } from '@nestjs/common';
import { CommittedEvent, SideEffects } from '../../../shared/application/side-effects';
import { BookingCancelled, BookingConfirmed, BookingEventPayload, BookingRescheduled, BookingRescheduledPayload } from '../../booking/contracts/booking.events';
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
    this.sideEffects.register(UserRegistered, 'notification.welcome', async (e) => {
      const user = await this.facts.user(e.payload.userId);
      await this.planner.plan([{ dedupeKey: e.eventId, recipient: user?.email ?? e.payload.email, template: 'welcome', data: { fullName: user?.fullName ?? '' }, orderId: null, bookingId: null }]);
    });
    this.sideEffects.register(OrderPlaced, 'notification.order-placed', (e) => this.toCustomer(e, e.payload.orderId, (order) => ({ template: 'order-placed', data: { order } })));
    this.sideEffects.register(OrderStatusChanged, 'notification.order-status', (e) => this.onStatusChanged(e));
    this.sideEffects.register(OrderCancelled, 'notification.order-cancelled', (e) =>
      this.toCustomer(e, e.payload.orderId, (order) => ({ template: 'order-cancelled', data: { order, reason: e.payload.reason } })),
    );
    this.sideEffects.register(PaymentRefunded, 'notification.order-refunded', (e) =>
      this.toCustomer(e, e.payload.orderId, (order) => ({ template: 'order-refunded', data: { order, amount: e.payload.refunded, fullyRefunded: e.payload.fullyRefunded } })),
    );
    this.sideEffects.register(BookingConfirmed, 'notification.visit-confirmed', (e: CommittedEvent<BookingEventPayload>) => this.visits.confirmed(e));
    this.sideEffects.register(BookingRescheduled, 'notification.visit-rescheduled', (e: CommittedEvent<BookingRescheduledPayload>) => this.visits.rescheduled(e));
    this.sideEffects.register(BookingCancelled, 'notification.visit-cancelled', (e: CommittedEvent<BookingEventPayload>) => this.visits.cancelled(e));
  }

  private onStatusChanged(e: CommittedEvent<OrderStatusChangedPayload>): Promise<void> {
    const p = e.payload;
    if (p.to === 'paid') return this.toCustomer(e, p.orderId, (order) => ({ template: 'order-paid', data: { order } }));
    if (p.to === 'shipped') {
      // Carrier and tracking number travel on the event once the shop records them; read when present.
      const carrier = optionalText(p, 'carrier');
      const trackingNumber = optionalText(p, 'trackingNumber');
      return this.toCustomer(e, p.orderId, (order) => ({ template: 'order-shipped', data: { order, carrier, trackingNumber } }));
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

/** A field a newer version of the event carries (read without assuming this version has it). */
function optionalText(payload: object, key: string): string | null {
  const value: unknown = Reflect.get(payload, key);
  return typeof value === 'string' && value.trim() ? value.trim() : null;
}
