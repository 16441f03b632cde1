import { Injectable } from '@nestjs/common';
import { UnitOfWork } from '../../../shared/application/unit-of-work';
import { Actor } from '../../../shared/domain/actor';
import { ConflictError, ForbiddenError, UnprocessableError } from '../../../shared/domain/domain-error';
import { CatalogItems, itemKey } from '../../catalog/application/catalog-items';
import { VisitOrders } from '../../order/contracts/visit-orders';
import { Booking } from '../domain/booking';
import { BookingRepository } from '../domain/booking.ports';
import { VisitReport } from '../domain/visit-outcome';
import { BookingPolicy } from './booking-policy';
import { BookingView, toBookingView } from './booking.views';
import { VisitLocks } from './visit-locks';
import { VisitParts } from './visit-parts';

/** Rescheduling, reassignment, cancellation and the visit's progress, each under the same guarantees as booking. */
@Injectable()
export class ChangeBooking {
  constructor(
    private readonly bookings: BookingRepository,
    private readonly policy: BookingPolicy,
    private readonly catalog: CatalogItems,
    private readonly orders: VisitOrders,
    private readonly unitOfWork: UnitOfWork,
    private readonly locks: VisitLocks,
    private readonly parts: VisitParts,
  ) {}

  reschedule(actor: Actor, id: string, start: Date): Promise<BookingView> {
    return this.unitOfWork.run(async () => {
      const booking = await this.load(actor, id);
      if (actor.role === 'technician') throw new ForbiddenError('Technicians cannot reschedule visits');
      booking.assertChangeable();
      if (actor.role !== 'admin') this.policy.assertBeforeCutoff(booking, 'rescheduled');
      this.policy.checkStart(start);
      const types = await this.serviceTypesOf(booking);
      const { free, working } = await this.policy.candidates(start, booking.durationMinutes, types, booking.postcode, booking.id);
      if (working.length === 0) throw new UnprocessableError('booking.outside_working_hours', 'No technician for these services works at that time');
      // Keep the same technician when they are free; otherwise the fairest free one.
      const order = free.includes(booking.technicianId) ? [booking.technicianId, ...free.filter((t) => t !== booking.technicianId)] : free;
      for (const technicianId of order) {
        booking.moveTo(technicianId, start, this.policy.bufferMinutes);
        if (await this.bookings.tryMove(booking)) return toBookingView(booking);
      }
      throw new ConflictError('booking.slot_taken', 'That time is no longer free', {
        suggestions: await this.policy.suggestions(start, booking.durationMinutes, types, booking.postcode, booking.id),
      });
    });
  }

  assign(admin: Actor, id: string, technicianId: string): Promise<BookingView> {
    return this.unitOfWork.run(async () => {
      const booking = await this.load(admin, id);
      booking.assertChangeable();
      const types = await this.serviceTypesOf(booking);
      const { free, working } = await this.policy.candidates(booking.start, booking.durationMinutes, types, booking.postcode, booking.id);
      if (!working.includes(technicianId)) {
        throw new UnprocessableError(
          'booking.technician_unsuitable',
          "That technician does not repair these appliances, does not cover the visit's postcode or does not work at that time",
        );
      }
      booking.moveTo(technicianId, booking.start, this.policy.bufferMinutes);
      if (!free.includes(technicianId) || !(await this.bookings.tryMove(booking))) {
        throw new ConflictError('booking.technician_busy', 'That technician already has a visit at that time');
      }
      return toBookingView(booking);
    });
  }

  /** Customers may cancel until the cutoff; the order is cancelled (and refunded) with it. */
  cancel(actor: Actor, id: string, reason: string | null): Promise<BookingView> {
    return this.unitOfWork.run(async () => {
      const booking = await this.load(actor, id);
      if (actor.role === 'technician') throw new ForbiddenError('Technicians cannot cancel visits');
      if (!booking.isOpen()) {
        throw new ConflictError('booking.not_cancellable', `A ${booking.status} visit cannot be cancelled`, { bookingStatus: booking.status });
      }
      if (actor.role !== 'admin') this.policy.assertBeforeCutoff(booking, 'cancelled');
      await this.orders.cancel(booking.orderId, actor, reason ?? 'visit cancelled');
      const cancelled = await this.bookings.findById(id);
      return toBookingView(cancelled!);
    });
  }

  /** Starts or completes a visit; completing takes the report and bills the parts used (see VisitParts.bill). */
  progress(actor: Actor, id: string, to: 'in_progress' | 'completed', report?: VisitReport): Promise<BookingView> {
    return this.unitOfWork.run(async () => {
      const booking = await this.load(actor, id);
      if (actor.role !== 'technician' && actor.role !== 'admin') throw new ForbiddenError('Only the assigned technician or an admin can update a visit');
      booking.progress(to, actor, report);
      const who = { id: actor.userId, role: actor.role };
      if (to === 'completed') await this.parts.bill(booking, who);
      await this.bookings.save(booking);
      if (to === 'in_progress') await this.orders.visitStarted(booking.orderId, who);
      else await this.orders.visitCompleted(booking.orderId, who);
      return toBookingView(booking);
    });
  }

  private load(actor: Actor, id: string): Promise<Booking> {
    return this.locks.load(actor, id);
  }

  private async serviceTypesOf(booking: Booking): Promise<string[]> {
    const items = booking.snapshot().items;
    const found = await this.catalog.find(items.map((i) => ({ kind: 'service' as const, id: i.serviceId })));
    return [...new Set(items.map((i) => found.get(itemKey({ kind: 'service', id: i.serviceId }))?.serviceType).filter((t): t is string => !!t))];
  }
}
