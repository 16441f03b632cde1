import { Injectable } from '@nestjs/common';
import { UnitOfWork } from '../../../shared/application/unit-of-work';
import { Actor } from '../../../shared/domain/actor';
import { NotFoundError } from '../../../shared/domain/domain-error';
import { BookingRepository } from '../domain/booking.ports';
import { BookingView, toBookingView } from './booking.views';

/** The customer rates a completed visit once; the row lock makes a double submit answer 409. */
@Injectable()
export class RateVisit {
  constructor(
    private readonly bookings: BookingRepository,
    private readonly unitOfWork: UnitOfWork,
  ) {}

  execute(actor: Actor, id: string, input: { rating: number; comment?: string }): Promise<BookingView> {
    return this.unitOfWork.run(async () => {
      const booking = await this.bookings.findByIdForUpdate(id);
      if (!booking) throw new NotFoundError('Booking', id);
      booking.assertVisibleTo(actor);
      booking.rate(actor, input.rating, input.comment ?? null);
      await this.bookings.save(booking);
      return toBookingView(booking);
    });
  }
}
