import { Injectable } from '@nestjs/common';
import { Actor } from '../../../shared/domain/actor';
import { NotFoundError } from '../../../shared/domain/domain-error';
import { VisitOrders } from '../../order/contracts/visit-orders';
import { Booking } from '../domain/booking';
import { BookingRepository } from '../domain/booking.ports';

/** How every change to a visit takes its locks: the order row first, then the visit's (see VisitOrders.lock). */
@Injectable()
export class VisitLocks {
  constructor(
    private readonly bookings: BookingRepository,
    private readonly orders: VisitOrders,
  ) {}

  /** The visit row-locked, after its order; 404 for those who may not see it. Call inside a unit of work. */
  async load(actor: Actor, id: string): Promise<Booking> {
    const unlocked = await this.bookings.findById(id);
    if (!unlocked) throw new NotFoundError('Booking', id);
    unlocked.assertVisibleTo(actor);
    await this.orders.lock(unlocked.orderId);
    const booking = await this.bookings.findByIdForUpdate(id);
    if (!booking) throw new NotFoundError('Booking', id);
    return booking;
  }
}
