import { DomainEvent } from '../../../shared/domain/domain-event';
import type { BookingStatus } from './booking-status';

/** What every visit event carries: the visit, its order, its technician and its status after the change. */
export interface BookingEventPayload {
  bookingId: string;
  orderId: string;
  technicianId: string;
  status: BookingStatus;
}

/** The visit's order was paid (or needed no payment): the technician's time is firmly booked. */
export class BookingConfirmed extends DomainEvent<BookingEventPayload> {
  static readonly eventName = 'BookingConfirmed';
  static readonly version = 1;
  readonly name = BookingConfirmed.eventName;
}

/** The visit was cancelled (with its order, by the customer, an admin or the system). */
export class BookingCancelled extends DomainEvent<BookingEventPayload> {
  static readonly eventName = 'BookingCancelled';
  static readonly version = 1;
  readonly name = BookingCancelled.eventName;
}

export interface BookingStatusChangedPayload extends BookingEventPayload {
  from: BookingStatus;
  actorId: string | null;
}

/** Every step of the visit's state machine (confirmed, in_progress, completed, cancelled). */
export class BookingStatusChanged extends DomainEvent<BookingStatusChangedPayload> {
  static readonly eventName = 'BookingStatusChanged';
  static readonly version = 1;
  readonly name = BookingStatusChanged.eventName;
}

export interface BookingRescheduledPayload extends BookingEventPayload {
  /** ISO 8601 (UTC) start and end of the visit now, and the start before the move. */
  start: string;
  end: string;
  previousStart: string;
  /** The technician before the move (the same as `technicianId` when only the time changed). */
  previousTechnicianId: string;
}

/** The visit moved to another time or technician (rescheduled by the customer, reassigned by an admin). */
export class BookingRescheduled extends DomainEvent<BookingRescheduledPayload> {
  static readonly eventName = 'BookingRescheduled';
  static readonly version = 1;
  readonly name = BookingRescheduled.eventName;
}
