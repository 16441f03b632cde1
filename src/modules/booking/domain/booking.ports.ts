import { Page, PageRequest } from '../../../shared/domain/page';
import { Booking, BookingStatus } from './booking';
import { Interval } from './schedule';
import { Technician } from './technician';

export abstract class TechnicianRepository {
  abstract findById(userId: string): Promise<Technician | null>;
  abstract save(technician: Technician): Promise<void>;
  abstract list(page: PageRequest): Promise<Page<Technician>>;
  /** Active technicians whose skills cover every given service type. */
  abstract findSkilled(serviceTypes: string[]): Promise<Technician[]>;
}

export interface BookingListQuery extends PageRequest {
  customerId?: string;
  technicianId?: string;
  status?: BookingStatus;
  from?: Date;
  to?: Date;
}

export abstract class BookingRepository {
  abstract findById(id: string): Promise<Booking | null>;
  abstract findByIdForUpdate(id: string): Promise<Booking | null>;
  abstract findByOrderId(orderId: string): Promise<Booking | null>;
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
}
