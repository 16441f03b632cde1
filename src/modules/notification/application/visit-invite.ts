import ical, { ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import { VisitData } from '../domain/notification';

export interface InviteParty {
  storeName: string;
  organizerEmail: string;
  attendeeEmail: string;
}

/**
 * The calendar invite mailed with a visit's emails (RFC 5546 iTIP): the same UID as the visit's
 * calendar feed (`<booking id>@visits`, so clients update one entry), SEQUENCE raised on every
 * change, METHOD REQUEST to add or update it and CANCEL to remove it. Times are written in UTC.
 */
export function visitInvite(visit: VisitData, method: 'REQUEST' | 'CANCEL', party: InviteParty, stamp: Date): string {
  const calendar = ical({
    name: `${party.storeName} repair visit`,
    prodId: { company: 'repair-shop', product: 'visits', language: 'EN' },
    method: method === 'CANCEL' ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.REQUEST,
  });
  calendar.createEvent({
    id: `${visit.bookingId}@visits`,
    sequence: visit.sequence,
    start: new Date(visit.start),
    end: new Date(visit.end),
    stamp,
    summary: `${party.storeName}: repair visit (${visit.services.join(', ')})`,
    location: visit.address,
    description: [`Repair: ${visit.services.join(', ')}`, visit.notes ? `Notes: ${visit.notes}` : null, `Booking ${visit.bookingId}`].filter(Boolean).join('\n'),
    status: method === 'CANCEL' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    organizer: { name: party.storeName, email: party.organizerEmail },
    attendees: [{ email: party.attendeeEmail, rsvp: false }],
  });
  return calendar.toString();
}
