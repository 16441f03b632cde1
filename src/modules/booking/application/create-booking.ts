import { Injectable } from '@nestjs/common';
import { UnitOfWork } from '../../../shared/application/unit-of-work';
import { Actor } from '../../../shared/domain/actor';
import { PlaceOrder } from '../../order/application/place-order';
import { BookingRepository } from '../domain/booking.ports';
import { postcodeInAddress } from '../domain/service-area';
import { BookingView, toBookingView } from './booking.views';

export interface CreateBookingCommand {
  items: { serviceId: string; quantity: number }[];
  start: string;
  address: string;
  notes?: string;
}

/**
 * POST bookings is the checkout run with service items only: it creates the order (to be paid
 * like any order) and, through the same use case, the pending booking.
 */
@Injectable()
export class CreateBooking {
  constructor(
    private readonly placeOrder: PlaceOrder,
    private readonly bookings: BookingRepository,
    private readonly unitOfWork: UnitOfWork,
  ) {}

  execute(actor: Actor, cmd: CreateBookingCommand, clientAddress?: string): Promise<BookingView & { order: { id: string; number: number; total: number; currency: string } }> {
    // Checked here too so that the error names this request's own field (checkout names visit.address).
    postcodeInAddress(cmd.address, 'address');
    return this.unitOfWork.run(async () => {
      const order = await this.placeOrder.execute({
        actor,
        serviceItems: cmd.items,
        visit: { start: cmd.start, address: cmd.address, notes: cmd.notes },
        clientAddress,
      });
      const booking = await this.bookings.findById(order.bookingId as string);
      return { ...toBookingView(booking!), order: { id: order.id, number: order.number, total: order.total, currency: order.currency } };
    });
  }
}
