import { Injectable } from '@nestjs/common';
import { UnprocessableError } from '../../../shared/domain/domain-error';

export interface VisitRequest {
  start: string;
  address: string;
  notes?: string;
}

export interface VisitHoldRequest {
  orderId: string;
  customerId: string | null;
  lines: { serviceId: string; name: string; unitPrice: number; quantity: number; durationMinutes: number | null; serviceType: string | null }[];
  visit: VisitRequest;
}

/** What checkout needs from the booking context: hold a technician's slot for the order's services. */
export interface VisitScheduler {
  hold(request: VisitHoldRequest): Promise<{ bookingId: string }>;
}

/**
 * The seam to the booking context. Booking depends on orders (a booking is paid through an
 * order), so it registers itself here instead of orders importing booking. Without it,
 * service lines are refused with a clear 422.
 */
@Injectable()
export class VisitSchedulerRegistry {
  private scheduler?: VisitScheduler;

  register(scheduler: VisitScheduler): void {
    this.scheduler = scheduler;
  }

  hold(request: VisitHoldRequest): Promise<{ bookingId: string }> {
    if (!this.scheduler) {
      throw new UnprocessableError('order.services_not_bookable', 'Repair services cannot be booked yet; remove them from the checkout');
    }
    return this.scheduler.hold(request);
  }
}
