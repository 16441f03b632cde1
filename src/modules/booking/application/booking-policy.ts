import { Injectable } from '@nestjs/common';
import { DateTime } from 'luxon';
import { AppConfig } from '../../../config/config';
import { ConflictError, UnprocessableError, ValidationError } from '../../../shared/domain/domain-error';
import { UserDirectory } from '../../identity/application/user-directory';
import { Booking } from '../domain/booking';
import { availableSlots, canTake, localDateOf, onGrid, Slot, SlotRules, TechnicianAvailability } from '../domain/schedule';
import { BookingRepository, TechnicianRepository } from '../domain/booking.ports';
import { Technician } from '../domain/technician';
import { rankingRating } from '../domain/visit-outcome';

const DAY = 86_400_000;

/**
 * The shop's booking rules from configuration (time zone, grid, buffer, lead time, horizon) and
 * the questions every booking use case asks: which starts are free, who can take one.
 */
@Injectable()
export class BookingPolicy {
  constructor(
    private readonly config: AppConfig,
    private readonly technicians: TechnicianRepository,
    private readonly bookings: BookingRepository,
    private readonly users: UserDirectory,
  ) {}

  get rules(): SlotRules {
    const b = this.config.booking;
    const now = Date.now();
    return {
      zone: b.timeZone,
      gridMinutes: b.slotMinutes,
      bufferMinutes: b.bufferMinutes,
      earliest: new Date(now + b.leadTimeMinutes * 60_000),
      latest: new Date(now + b.maxDaysAhead * DAY),
    };
  }

  get bufferMinutes(): number {
    return this.config.booking.bufferMinutes;
  }

  /** Rejects a start that no schedule could offer: malformed, in the past, too soon, too far, off the grid. */
  checkStart(start: Date, field = 'start'): void {
    const rules = this.rules;
    if (Number.isNaN(start.getTime())) throw new ValidationError(field, 'must be an ISO 8601 date-time');
    if (start.getTime() < Date.now()) throw new UnprocessableError('booking.in_the_past', 'The visit cannot start in the past');
    if (start < rules.earliest) {
      throw new UnprocessableError('booking.too_soon', `Visits must be booked at least ${this.config.booking.leadTimeMinutes} minutes ahead`);
    }
    if (start > rules.latest) {
      throw new UnprocessableError('booking.too_far_ahead', `Visits can be booked at most ${this.config.booking.maxDaysAhead} days ahead`);
    }
    if (!onGrid(start, rules)) {
      throw new UnprocessableError('booking.off_grid', `Visits start on a ${rules.gridMinutes}-minute grid in ${rules.zone} time`);
    }
  }

  /** Customers may cancel or move a visit only up to BOOKING_CANCEL_CUTOFF_HOURS before it starts. */
  assertBeforeCutoff(booking: Booking, what: 'cancelled' | 'rescheduled'): void {
    const hours = this.config.booking.cancelCutoffHours;
    if (booking.start.getTime() - Date.now() < hours * 3_600_000) {
      throw new ConflictError('booking.cutoff_passed', `Visits can be ${what} up to ${hours} hours before they start`, { cutoffHours: hours });
    }
  }

  /**
   * Active technician profiles covering the types whose accounts are active and still in the
   * technician role: an admin may deactivate a user or change their role without touching the profile.
   */
  private async bookable(serviceTypes: string[]): Promise<Technician[]> {
    const technicians = await this.technicians.findSkilled(serviceTypes);
    const accounts = await this.users.findMany(technicians.map((t) => t.userId));
    return technicians.filter((t) => {
      const account = accounts.get(t.userId);
      return account?.isActive && account.role === 'technician';
    });
  }

  /** Bookable technicians who also travel to the postcode (any postcode when it is null: visits booked before service areas). */
  private async covering(serviceTypes: string[], postcode: string | null): Promise<Technician[]> {
    const skilled = await this.bookable(serviceTypes);
    return postcode === null ? skilled : skilled.filter((t) => t.covers(postcode));
  }

  /** 422 booking.area_not_covered when technicians repair these appliances but none travels to the postcode. */
  async assertCovered(serviceTypes: string[], postcode: string): Promise<void> {
    const skilled = await this.bookable(serviceTypes);
    if (skilled.length && !skilled.some((t) => t.covers(postcode))) {
      throw new UnprocessableError('booking.area_not_covered', `No technician for these services covers ${postcode}`, { postcode });
    }
  }

  async availabilityOf(technicians: Technician[], from: Date, to: Date, exceptBookingId?: string): Promise<TechnicianAvailability[]> {
    const busy = await this.bookings.busy(
      technicians.map((t) => t.userId),
      new Date(from.getTime() - DAY),
      new Date(to.getTime() + DAY),
      exceptBookingId,
    );
    return technicians.map((t) => ({ technicianId: t.userId, workingHours: t.snapshot().workingHours, timeOff: t.snapshot().timeOff, busy: busy.get(t.userId) ?? [] }));
  }

  async slotsOn(date: string, durationMinutes: number, serviceTypes: string[], postcode: string | null, exceptBookingId?: string): Promise<Slot[]> {
    const technicians = await this.covering(serviceTypes, postcode);
    const dayStart = DateTime.fromISO(date, { zone: this.rules.zone }).startOf('day').toJSDate();
    const available = await this.availabilityOf(technicians, dayStart, new Date(dayStart.getTime() + DAY), exceptBookingId);
    return availableSlots(date, durationMinutes, available, this.rules);
  }

  /**
   * The next free starts after `after`, looking a week ahead, for a 409's suggestions. A visit
   * being moved (`exceptBookingId`) does not block its own suggestions.
   */
  async suggestions(after: Date, durationMinutes: number, serviceTypes: string[], postcode: string | null, exceptBookingId?: string, count = 5): Promise<string[]> {
    const found: string[] = [];
    for (let day = 0; day < 7 && found.length < count; day++) {
      const date = localDateOf(new Date(after.getTime() + day * DAY), this.rules.zone);
      for (const slot of await this.slotsOn(date, durationMinutes, serviceTypes, postcode, exceptBookingId)) {
        if (slot.start > after && found.length < count) found.push(slot.start.toISOString());
      }
    }
    return found;
  }

  /**
   * Skilled technicians covering the postcode who could take the visit if nobody else had booked
   * them, fairest first: fewest visits that local day, then the higher average rating (unrated
   * counts as 3 of 5), then by id. Empty when nobody works then at all.
   */
  async candidates(
    start: Date,
    durationMinutes: number,
    serviceTypes: string[],
    postcode: string | null,
    exceptBookingId?: string,
  ): Promise<{ free: string[]; working: string[] }> {
    const technicians = await this.covering(serviceTypes, postcode);
    const rules = this.rules;
    const date = localDateOf(start, rules.zone);
    const dayStart = DateTime.fromISO(date, { zone: rules.zone }).startOf('day').toJSDate();
    const dayEnd = new Date(dayStart.getTime() + DAY);
    const available = await this.availabilityOf(technicians, dayStart, dayEnd, exceptBookingId);
    const idle = { ...rules, earliest: new Date(0) };
    const working = available.filter((t) => canTake({ ...t, busy: [] }, start, durationMinutes, idle)).map((t) => t.technicianId);
    const visitsThatDay = (t: TechnicianAvailability) => t.busy.filter((b) => b.start >= dayStart && b.start < dayEnd).length;
    const ratings = await this.bookings.ratingsOf(working);
    const rating = (t: TechnicianAvailability) => rankingRating(ratings.get(t.technicianId));
    const free = available
      .filter((t) => canTake(t, start, durationMinutes, idle))
      .sort((a, b) => visitsThatDay(a) - visitsThatDay(b) || rating(b) - rating(a) || a.technicianId.localeCompare(b.technicianId))
      .map((t) => t.technicianId);
    return { free, working };
  }
}
