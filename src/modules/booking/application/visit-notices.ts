import { Injectable } from '@nestjs/common';
import { BookingRepository } from '../domain/booking.ports';
import { BookingView, toBookingView } from './booking.views';

/** Exported to other contexts (notifications): a visit as it is now, and the confirmed visits about to start. */
@Injectable()
export class VisitNotices {
  constructor(private readonly bookings: BookingRepository) {}

  async find(id: string): Promise<BookingView | null> {
    const booking = await this.bookings.findById(id);
    return booking ? toBookingView(booking) : null;
  }

  /** Confirmed visits starting in [from, to), earliest first, at most `limit`. */
  async confirmedStarting(from: Date, to: Date, limit: number): Promise<BookingView[]> {
    const page = await this.bookings.list({ status: 'confirmed', from, to, page: 1, limit });
    return page.items.map(toBookingView);
  }
}
