import { Injectable, OnModuleInit } from '@nestjs/common';
import { EventBus } from '../../../shared/application/event-bus';
import { BookingRepository } from '../domain/booking.ports';

interface OrderEvent {
  payload: { orderId: string; actorId?: string | null };
}

/** Booking learns about payment and cancellation only through events (by name, like a broker consumer). */
@Injectable()
export class BookingSideEffects implements OnModuleInit {
  constructor(
    private readonly events: EventBus,
    private readonly bookings: BookingRepository,
  ) {}

  onModuleInit(): void {
    // The order becoming paid (by its payment, or at once when there was nothing to pay) confirms the visit.
    this.events.subscribe('OrderStatusChanged', async (e) => {
      const { payload } = e as unknown as OrderEvent & { payload: { to: string } };
      if (payload.to !== 'paid') return;
      const booking = await this.bookings.findByOrderIdForUpdate(payload.orderId);
      if (booking?.status !== 'pending') return;
      booking.confirm();
      await this.bookings.save(booking);
    });
    this.events.subscribe('OrderCancelled', async (e) => {
      const { payload } = e as unknown as OrderEvent;
      const booking = await this.bookings.findByOrderIdForUpdate(payload.orderId);
      if (!booking?.isOpen()) return;
      booking.cancel(payload.actorId ?? null);
      await this.bookings.save(booking);
    });
  }
}
