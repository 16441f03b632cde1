import { createHash, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import ical, { ICalEventStatus } from 'ical-generator';
import { AppConfig } from '../../../config/config';
import { UnitOfWork } from '../../../shared/application/unit-of-work';
import { Actor } from '../../../shared/domain/actor';
import { NotFoundError } from '../../../shared/domain/domain-error';
import { Booking } from '../domain/booking';
import { BookingRepository, TechnicianRepository } from '../domain/booking.ports';

/** How many upcoming visits a technician's feed lists. */
export const FEED_LIMIT = 100;

const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

export interface CalendarFeedView {
  /** The secret; shown once, the store keeps only its hash. */
  token: string;
  /** Path of the subscription URL (append it to the API's public origin). */
  url: string;
}

/**
 * Visits as iCalendar (RFC 5545): one visit for its customer, technician or admins, and a
 * technician's upcoming visits behind a private, rotatable secret (calendar apps cannot send a
 * bearer token). Times are written in UTC; the store's time zone is named (X-WR-TIMEZONE).
 */
@Injectable()
export class VisitCalendar {
  constructor(
    private readonly bookings: BookingRepository,
    private readonly technicians: TechnicianRepository,
    private readonly unitOfWork: UnitOfWork,
    private readonly config: AppConfig,
  ) {}

  async forBooking(actor: Actor, id: string): Promise<string> {
    const booking = await this.bookings.findById(id);
    if (!booking) throw new NotFoundError('Booking', id);
    booking.assertVisibleTo(actor);
    return this.render('Repair visit', [booking]);
  }

  /** 404 alike for an unknown technician and a wrong or rotated token, so the URL reveals nothing. */
  async forTechnician(technicianId: string, token: string): Promise<string> {
    const technician = await this.technicians.findByCalendarToken(technicianId, hashToken(token));
    if (!technician) throw new NotFoundError('Calendar');
    const upcoming = await this.bookings.list({ technicianId, from: new Date(Date.now() - 3_600_000), activeOnly: true, page: 1, limit: FEED_LIMIT });
    return this.render('Repair visits', upcoming.items);
  }

  /** A new secret for the technician's feed; the old URL stops working at once. */
  rotateToken(actor: Actor, technicianId: string): Promise<CalendarFeedView> {
    return this.unitOfWork.run(async () => {
      const technician = actor.role === 'admin' || actor.userId === technicianId ? await this.technicians.findById(technicianId) : null;
      if (!technician) throw new NotFoundError('Technician', technicianId);
      const token = randomBytes(32).toString('base64url');
      technician.rotateCalendarToken(hashToken(token));
      await this.technicians.save(technician);
      return { token, url: `/api/v1/calendar/technicians/${technicianId}.ics?token=${token}` };
    });
  }

  private render(name: string, visits: Booking[]): string {
    const calendar = ical({ name, prodId: { company: 'repair-shop', product: 'visits', language: 'EN' } });
    calendar.x([{ key: 'X-WR-TIMEZONE', value: this.config.booking.timeZone }]);
    for (const booking of visits) {
      const s = booking.snapshot();
      calendar.createEvent({
        id: `${s.id}@visits`,
        start: s.start,
        end: s.end,
        stamp: s.updatedAt,
        summary: `Repair visit: ${s.items.map((i) => (i.quantity > 1 ? `${i.quantity} x ${i.name}` : i.name)).join(', ')}`,
        location: s.address,
        description: [`Status: ${s.status}`, s.notes ? `Notes: ${s.notes}` : null, `Booking ${s.id}`].filter(Boolean).join('\n'),
        status: s.status === 'cancelled' ? ICalEventStatus.CANCELLED : s.status === 'pending' ? ICalEventStatus.TENTATIVE : ICalEventStatus.CONFIRMED,
      });
    }
    return calendar.toString();
  }
}
