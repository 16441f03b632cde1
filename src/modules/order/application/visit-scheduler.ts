import { Injectable } from '@nestjs/common';
import { UnprocessableError } from '../../../shared/domain/domain-error';
import type { OrderActor } from '../domain/order';

export interface VisitRequest {
  start: string;
  address: string;
  notes?: string;
}

export interface VisitHoldRequest {
  orderId: string;
  customerId: string | null;
  /** True when the order needed no payment (total 0): the visit is confirmed at once. */
  orderPaid: boolean;
  lines: { serviceId: string; name: string; unitPrice: number; quantity: number; durationMinutes: number | null; serviceType: string | null }[];
  visit: VisitRequest;
}

/** What orders need from the booking context: hold a technician's slot at checkout; vet a cancellation. */
export interface VisitScheduler {
  hold(request: VisitHoldRequest): Promise<{ bookingId: string }>;
  /** Throws when this actor may not cancel the order's visit now (customers: not after the cutoff). */
  assertCancellable(orderId: string, actor: OrderActor): Promise<void>;
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

  /** Without the booking context there are no visits, so nothing to protect. */
  async assertCancellable(orderId: string, actor: OrderActor): Promise<void> {
    await this.scheduler?.assertCancellable(orderId, actor);
  }
}
