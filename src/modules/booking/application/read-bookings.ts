import { Injectable } from '@nestjs/common';
import { Actor } from '../../../shared/domain/actor';
import { NotFoundError } from '../../../shared/domain/domain-error';
import { Page } from '../../../shared/domain/page';
import { BookingListQuery, BookingRepository } from '../domain/booking.ports';
import { BookingView, toBookingView } from './booking.views';

/** Customers see their own visits, technicians the ones assigned to them (a day's schedule), admins all. */
@Injectable()
export class ReadBookings {
  constructor(private readonly bookings: BookingRepository) {}

  async list(actor: Actor, query: BookingListQuery): Promise<Page<BookingView>> {
    const scoped: BookingListQuery =
      actor.role === 'admin'
        ? query
        : actor.role === 'technician'
          ? { ...query, technicianId: actor.userId, customerId: undefined }
          : { ...query, customerId: actor.userId, technicianId: undefined };
    const page = await this.bookings.list(scoped);
    return { ...page, items: page.items.map(toBookingView) };
  }

  async get(actor: Actor, id: string): Promise<BookingView> {
    const booking = await this.bookings.findById(id);
    if (!booking) throw new NotFoundError('Booking', id);
    booking.assertVisibleTo(actor);
    return toBookingView(booking);
  }
}
