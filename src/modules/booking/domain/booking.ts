import { randomUUID } from 'node:crypto';
import { AggregateRoot } from '../../../shared/domain/aggregate-root';
import { Actor } from '../../../shared/domain/actor';
import { ConflictError, ForbiddenError, NotFoundError } from '../../../shared/domain/domain-error';
import { BookingCancelled, BookingConfirmed, BookingEventPayload, BookingRescheduled, BookingStatusChanged } from './booking.events';
import { BookingStatus } from './booking-status';
import { checkRating, checkVisitReport, VisitRating, VisitReport } from './visit-outcome';

export { BOOKING_STATUSES, type BookingStatus } from './booking-status';

const NEXT: Record<BookingStatus, BookingStatus[]> = {
  pending: ['confirmed', 'cancelled'],
  confirmed: ['in_progress', 'cancelled'],
  in_progress: ['completed'],
  completed: [],
  cancelled: [],
};

export interface BookingItem {
  id: string;
  serviceId: string;
  name: string;
  quantity: number;
  unitPrice: number;
  durationMinutes: number;
}

export interface BookingProps {
  id: string;
  orderId: string;
  customerId: string | null;
  technicianId: string;
  status: BookingStatus;
  start: Date;
  end: Date;
  /** End of the visit plus the buffer before the technician's next one: what the exclusion constraint guards. */
  blockedUntil: Date;
  address: string;
  /** The normalized UK postcode of the address; null for visits booked before service areas. */
  postcode: string | null;
  notes: string | null;
  items: BookingItem[];
  report: VisitReport | null;
  rating: VisitRating | null;
  /** The order that charges the parts used on the visit, once it is completed. */
  followUpOrderId: string | null;
  createdAt: Date;
  updatedAt: Date;
}

const MINUTE = 60_000;

/** A repair visit (seed 000's Bookings and BookingItems): one technician, one time range. */
export class Booking extends AggregateRoot {
  private moveOrigin?: { technicianId: string; start: Date };

  private constructor(private props: BookingProps) {
    super();
  }

  static durationOf(items: Pick<BookingItem, 'quantity' | 'durationMinutes'>[]): number {
    return items.reduce((sum, i) => sum + i.quantity * i.durationMinutes, 0);
  }

  static create(input: {
    orderId: string;
    customerId: string | null;
    technicianId: string;
    start: Date;
    bufferMinutes: number;
    address: string;
    postcode: string;
    notes: string | null;
    items: Omit<BookingItem, 'id'>[];
  }): Booking {
    const now = new Date();
    const duration = Booking.durationOf(input.items);
    const end = new Date(input.start.getTime() + duration * MINUTE);
    return new Booking({
      id: randomUUID(),
      orderId: input.orderId,
      customerId: input.customerId,
      technicianId: input.technicianId,
      status: 'pending',
      start: input.start,
      end,
      blockedUntil: new Date(end.getTime() + input.bufferMinutes * MINUTE),
      address: input.address,
      postcode: input.postcode,
      notes: input.notes,
      items: input.items.map((i) => ({ ...i, id: randomUUID() })),
      report: null,
      rating: null,
      followUpOrderId: null,
      createdAt: now,
      updatedAt: now,
    });
  }

  static restore(props: BookingProps): Booking {
    return new Booking({ ...props, items: props.items.map((i) => ({ ...i })) });
  }

  get id(): string {
    return this.props.id;
  }
  get orderId(): string {
    return this.props.orderId;
  }
  get status(): BookingStatus {
    return this.props.status;
  }
  get customerId(): string | null {
    return this.props.customerId;
  }

  get postcode(): string | null {
    return this.props.postcode;
  }

  get technicianId(): string {
    return this.props.technicianId;
  }
  get start(): Date {
    return this.props.start;
  }
  get durationMinutes(): number {
    return Booking.durationOf(this.props.items);
  }

  snapshot(): Readonly<BookingProps> {
    return { ...this.props, items: this.props.items.map((i) => ({ ...i })) };
  }

  /** Customers see their own visits, technicians the ones assigned to them, admins all. */
  visibleTo(actor: Actor): boolean {
    if (actor.role === 'admin') return true;
    if (actor.role === 'technician') return actor.userId === this.props.technicianId;
    return actor.userId === this.props.customerId;
  }

  assertVisibleTo(actor: Actor): void {
    if (!this.visibleTo(actor)) throw new NotFoundError('Booking', this.id);
  }

  isOpen(): boolean {
    return this.props.status === 'pending' || this.props.status === 'confirmed';
  }

  assertChangeable(): void {
    if (!this.isOpen()) {
      throw new ConflictError('booking.not_changeable', `A ${this.props.status} visit can no longer be moved`, { bookingStatus: this.props.status });
    }
  }

  moveTo(technicianId: string, start: Date, bufferMinutes: number): void {
    this.assertChangeable();
    const duration = this.durationMinutes;
    // A move the database refused (another technician is tried next) is superseded: the event
    // names where the visit was before the first try.
    const previous = this.moveOrigin ?? { technicianId: this.props.technicianId, start: this.props.start };
    this.moveOrigin = previous;
    this.dropEvents((e) => e instanceof BookingRescheduled);
    this.props.technicianId = technicianId;
    this.props.start = start;
    this.props.end = new Date(start.getTime() + duration * MINUTE);
    this.props.blockedUntil = new Date(this.props.end.getTime() + bufferMinutes * MINUTE);
    this.props.updatedAt = new Date();
    if (previous.technicianId === technicianId && previous.start.getTime() === start.getTime()) return;
    this.record(
      new BookingRescheduled(this.id, {
        ...this.payload(),
        start: this.props.start.toISOString(),
        end: this.props.end.toISOString(),
        previousStart: previous.start.toISOString(),
        previousTechnicianId: previous.technicianId,
      }),
    );
  }

  confirm(): void {
    if (this.props.status !== 'pending') return;
    this.transition('confirmed', null);
    this.record(new BookingConfirmed(this.id, this.payload()));
  }

  cancel(actorId: string | null): void {
    if (this.props.status === 'cancelled') return;
    this.transition('cancelled', actorId);
    this.record(new BookingCancelled(this.id, this.payload()));
  }

  /** Technicians move their own visits along; admins any. Completing needs the visit report. */
  progress(to: 'in_progress' | 'completed', actor: Actor, report?: VisitReport): void {
    this.assertWorkedOnBy(actor);
    if (to === 'completed' && this.props.status === 'in_progress') this.props.report = checkVisitReport(report);
    this.transition(to, actor.userId);
  }

  /** Parts are recorded (and mistaken entries removed) only while the visit is under way. */
  assertPartsEditable(actor: Actor): void {
    this.assertWorkedOnBy(actor);
    if (this.props.status !== 'in_progress') {
      throw new ConflictError('booking.parts_locked', `Parts can only be recorded while the visit is in progress (it is ${this.props.status})`, {
        bookingStatus: this.props.status,
      });
    }
  }

  attachFollowUpOrder(orderId: string): void {
    this.props.followUpOrderId = orderId;
  }

  /** Only the visit's customer rates it, once, after completion. */
  rate(actor: Actor, rating: number, comment: string | null): void {
    if (actor.userId !== this.props.customerId) {
      // Buyers (customers, and sellers buying) are told another's visit does not exist.
      if (actor.role === 'customer' || actor.role === 'seller') throw new NotFoundError('Booking', this.id);
      throw new ForbiddenError("Only the visit's customer can rate it");
    }
    checkRating(rating);
    if (this.props.status !== 'completed') {
      throw new ConflictError('booking.not_completed', 'A visit can be rated once it is completed', { bookingStatus: this.props.status });
    }
    if (this.props.rating) throw new ConflictError('booking.already_rated', 'This visit has already been rated');
    this.props.rating = { rating, comment: comment?.trim() || null, ratedAt: new Date() };
    this.props.updatedAt = new Date();
  }

  private assertWorkedOnBy(actor: Actor): void {
    if (actor.role === 'technician' && actor.userId !== this.props.technicianId) throw new NotFoundError('Booking', this.id);
    if (actor.role !== 'technician' && actor.role !== 'admin') throw new ForbiddenError('Only the assigned technician or an admin can update a visit');
  }

  private transition(to: BookingStatus, actorId: string | null): void {
    const from = this.props.status;
    const allowed = NEXT[from];
    if (!allowed.includes(to)) {
      throw new ConflictError('booking.invalid_transition', `A visit cannot go from ${from} to ${to}; allowed: ${allowed.join(', ') || 'none'}`, {
        from,
        to,
        allowed,
      });
    }
    this.props.status = to;
    this.props.updatedAt = new Date();
    this.record(new BookingStatusChanged(this.id, { ...this.payload(), from, actorId }));
  }

  private payload(): BookingEventPayload {
    return { bookingId: this.id, orderId: this.props.orderId, technicianId: this.props.technicianId, status: this.props.status };
  }
}
