import { Injectable } from '@nestjs/common';
import { ConflictError, NotFoundError, UnprocessableError, ValidationError } from '../../../shared/domain/domain-error';
import { BookingView, VisitHoldRequest, VisitHolds } from '../contracts/visit-holds';
import { Booking } from '../domain/booking';
import { BookingRepository } from '../domain/booking.ports';
import { postcodeInAddress } from '../domain/service-area';
import { BookingPolicy } from './booking-policy';
import { toBookingView } from './booking.views';

export const MAX_SERVICE_QUANTITY = 10;

/**
 * Holds a technician's time for an order's repair services, inside the checkout transaction.
 * The exclusion constraint decides races: an insert that overlaps another visit of the same
 * technician writes nothing and the next free technician is tried; when none is left, 409 with
 * the next free starts.
 */
@Injectable()
export class VisitBooking extends VisitHolds {
  constructor(
    private readonly policy: BookingPolicy,
    private readonly bookings: BookingRepository,
  ) {
    super();
  }

  checkAddress(address: string, field: string): void {
    postcodeInAddress(address, field);
  }

  async view(bookingId: string): Promise<BookingView> {
    const booking = await this.bookings.findById(bookingId);
    if (!booking) throw new NotFoundError('Booking', bookingId);
    return toBookingView(booking);
  }

  async hold(request: VisitHoldRequest): Promise<{ bookingId: string }> {
    const start = new Date(request.visit.start);
    this.policy.checkStart(start, 'visit.start');
    const postcode = postcodeInAddress(request.visit.address, 'visit.address');
    const items = request.lines.map((l) => {
      if (l.quantity > MAX_SERVICE_QUANTITY) {
        throw new ValidationError('quantity', `at most ${MAX_SERVICE_QUANTITY} of one repair service per visit`);
      }
      return { serviceId: l.serviceId, name: l.name, quantity: l.quantity, unitPrice: l.unitPrice, durationMinutes: l.durationMinutes ?? 60 };
    });
    const serviceTypes = [...new Set(request.lines.map((l) => l.serviceType).filter((t): t is string => t !== null))];
    const duration = Booking.durationOf(items);
    await this.policy.assertCovered(serviceTypes, postcode);
    const { free, working } = await this.policy.candidates(start, duration, serviceTypes, postcode);
    if (working.length === 0) {
      throw new UnprocessableError('booking.outside_working_hours', 'No technician for these services works at that time', {
        suggestions: await this.policy.suggestions(start, duration, serviceTypes, postcode),
      });
    }
    for (const technicianId of free) {
      const booking = Booking.create({
        orderId: request.orderId,
        customerId: request.customerId,
        technicianId,
        start,
        bufferMinutes: this.policy.bufferMinutes,
        address: request.visit.address,
        postcode,
        notes: request.visit.notes ?? null,
        items,
      });
      if (request.orderPaid) booking.confirm();
      if (await this.bookings.tryInsert(booking)) return { bookingId: booking.id };
    }
    throw new ConflictError('booking.slot_taken', 'That time is no longer free', {
      suggestions: await this.policy.suggestions(start, duration, serviceTypes, postcode),
    });
  }
}
