import { Page, PageRequest } from '../../../shared/domain/page';
import { Booking, BookingStatus } from './booking';
import { Interval } from './schedule';
import { Technician } from './technician';

export abstract class TechnicianRepository {
  abstract findById(userId: string): Promise<Technician | null>;
  abstract save(technician: Technician): Promise<void>;
  abstract list(page: PageRequest): Promise<Page<Technician>>;
  /** The technician whose calendar secret hashes to `hash`, when it is `userId`'s. */
  abstract findByCalendarToken(userId: string, hash: string): Promise<Technician | null>;
  /** Active technicians whose skills cover every given service type. */
  abstract findSkilled(serviceTypes: string[]): Promise<Technician[]>;
}

export interface BookingListQuery extends PageRequest {
  customerId?: string;
  technicianId?: string;
  status?: BookingStatus;
  from?: Date;
  to?: Date;
  /** Leaves out cancelled visits. */
  activeOnly?: boolean;
}

export interface RatingSummary {
  average: number | null;
  count: number;
}

/** A part a technician used on a visit (taken out of stock when recorded). */
export interface VisitPart {
  id: string;
  bookingId: string;
  productId: string;
  name: string;
  quantity: number;
  recordedBy: string | null;
  createdAt: Date;
}

export abstract class VisitPartRepository {
  abstract list(bookingId: string): Promise<VisitPart[]>;
  abstract add(part: VisitPart): Promise<void>;
  /** Deletes the entry and returns it; null when the visit has no such entry. */
  abstract remove(bookingId: string, partId: string): Promise<VisitPart | null>;
}

export abstract class BookingRepository {
  abstract findById(id: string): Promise<Booking | null>;
  abstract findByIdForUpdate(id: string): Promise<Booking | null>;
  abstract findByOrderIdForUpdate(orderId: string): Promise<Booking | null>;
  /**
   * Inserts the visit unless the exclusion constraint finds it overlapping another visit of the
   * same technician (then false, nothing written, transaction still usable).
   */
  abstract tryInsert(booking: Booking): Promise<boolean>;
  /** Stores a moved visit under the same guarantee. */
  abstract tryMove(booking: Booking): Promise<boolean>;
  /** Status changes; publishes the booking's events. */
  abstract save(booking: Booking): Promise<void>;
  /** Non-cancelled visits per technician overlapping [from, to), as [start, blockedUntil). */
  abstract busy(technicianIds: string[], from: Date, to: Date, exceptBookingId?: string): Promise<Map<string, Interval[]>>;
  abstract list(query: BookingListQuery): Promise<Page<Booking>>;
  /** Average and count of the ratings each technician's visits received. */
  abstract ratingsOf(technicianIds: string[]): Promise<Map<string, RatingSummary>>;
}
