/**
 * The booking context's events as other contexts (and broker consumers) see them: name, payload
 * type and version, declared once. Subscribers use these classes, never a re-declared shape.
 */
export { BookingCancelled, BookingConfirmed, BookingRescheduled, BookingStatusChanged } from '../domain/booking.events';
export type { BookingEventPayload, BookingRescheduledPayload, BookingStatusChangedPayload } from '../domain/booking.events';
export type { BookingStatus } from '../domain/booking-status';
