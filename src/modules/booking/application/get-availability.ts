import { Injectable } from '@nestjs/common';
import { DateTime } from 'luxon';
import { NotFoundError, ValidationError } from '../../../shared/domain/domain-error';
import { CatalogItems, itemKey } from '../../catalog/application/catalog-items';
import { normalizePostcode } from '../domain/service-area';
import { BookingPolicy } from './booking-policy';

export interface AvailabilityView {
  serviceId: string;
  durationMinutes: number;
  timeZone: string;
  /** The visit's postcode, normalized: only technicians covering it are offered. */
  postcode: string | null;
  days: { date: string; slots: { start: string; end: string; technicians: number }[] }[];
}

export const MAX_AVAILABILITY_DAYS = 14;

/** Free start times for a repair service over one day or a range of days (local dates). */
@Injectable()
export class GetAvailability {
  constructor(
    private readonly catalog: CatalogItems,
    private readonly policy: BookingPolicy,
  ) {}

  async execute(query: { serviceId: string; quantity: number; date?: string; from?: string; to?: string; postcode?: string }): Promise<AvailabilityView> {
    const postcode = query.postcode === undefined ? null : normalizePostcode(query.postcode);
    const service = (await this.catalog.find([{ kind: 'service', id: query.serviceId }])).get(itemKey({ kind: 'service', id: query.serviceId }));
    if (!service?.isActive) throw new NotFoundError('Service', query.serviceId);
    const zone = this.policy.rules.zone;
    const dates = this.dates(query, zone);
    const duration = (service.durationMinutes ?? 60) * query.quantity;
    const days = [];
    for (const date of dates) {
      const slots = await this.policy.slotsOn(date, duration, service.serviceType ? [service.serviceType] : [], postcode);
      days.push({ date, slots: slots.map((s) => ({ start: s.start.toISOString(), end: s.end.toISOString(), technicians: s.technicianIds.length })) });
    }
    return { serviceId: service.id, durationMinutes: duration, timeZone: zone, postcode, days };
  }

  private dates(query: { date?: string; from?: string; to?: string }, zone: string): string[] {
    if (query.date && (query.from || query.to)) throw new ValidationError('date', 'give either date or from/to, not both');
    const from = query.date ?? query.from;
    const to = query.date ?? query.to ?? query.from;
    if (!from || !to) throw new ValidationError('date', 'is required (or from and to)');
    const start = DateTime.fromISO(from, { zone });
    const end = DateTime.fromISO(to, { zone });
    if (!start.isValid) throw new ValidationError(query.date ? 'date' : 'from', 'must be a date YYYY-MM-DD');
    if (!end.isValid) throw new ValidationError('to', 'must be a date YYYY-MM-DD');
    const days = Math.round(end.diff(start, 'days').days) + 1;
    if (days < 1) throw new ValidationError('to', 'must not be before from');
    if (days > MAX_AVAILABILITY_DAYS) throw new ValidationError('to', `a range covers at most ${MAX_AVAILABILITY_DAYS} days`);
    return Array.from({ length: days }, (_, i) => start.plus({ days: i }).toISODate() as string);
  }
}
