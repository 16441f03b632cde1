import { Injectable, OnModuleInit } from '@nestjs/common';
import { EventBus } from '../../../shared/application/event-bus';
import { ON_ORDER_CANCELLED, ON_ORDER_STATUS_CHANGED, OrderCancelled, OrderStatusChanged } from '../../order/contracts/order.events';
import { BookingRepository } from '../domain/booking.ports';
import { BookingPolicy } from './booking-policy';

/** Booking learns about payment and cancellation only through the order context's events (its contracts). */
@Injectable()
export class BookingSideEffects implements OnModuleInit {
  constructor(
    private readonly events: EventBus,
    private readonly bookings: BookingRepository,
    private readonly policy: BookingPolicy,
  ) {}

  onModuleInit(): void {
    // The order becoming paid (by its payment, or at once when there was nothing to pay) confirms the visit.
    this.events.subscribe(
      OrderStatusChanged,
      async ({ payload }) => {
        if (payload.to !== 'paid') return;
        const booking = await this.bookings.findByOrderIdForUpdate(payload.orderId);
        if (booking?.status !== 'pending') return;
        booking.confirm();
        await this.bookings.save(booking);
      },
      { order: ON_ORDER_STATUS_CHANGED.confirmVisit },
    );
    this.events.subscribe(
      OrderCancelled,
      async ({ payload }) => {
        const booking = await this.bookings.findByOrderIdForUpdate(payload.orderId);
        if (!booking?.isOpen()) return;
        // However the order is cancelled, a customer may not drop the visit after the cutoff: this
        // throws, and the whole cancellation (stock, refund request, order) rolls back.
        if (payload.actorRole === 'customer') this.policy.assertBeforeCutoff(booking, 'cancelled');
        booking.cancel(payload.actorId);
        await this.bookings.save(booking);
      },
      { order: ON_ORDER_CANCELLED.cancelVisit },
    );
  }
}
