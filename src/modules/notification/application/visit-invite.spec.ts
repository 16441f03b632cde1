import ICAL from 'ical.js';
import { VisitData } from '../domain/notification';
import { visitInvite } from './visit-invite';

const visit: VisitData = {
  bookingId: '6f1c0b8e-0000-4000-8000-000000000002',
  orderId: '6f1c0b8e-0000-4000-8000-000000000001',
  start: '2026-07-01T08:00:00.000Z',
  end: '2026-07-01T09:30:00.000Z',
  address: '1 High St, London N1 1AA',
  services: ['Washer repair'],
  notes: null,
  sequence: 3,
};
const party = { storeName: 'Repair Shop', organizerEmail: 'no-reply@example.com', attendeeEmail: 'ann@example.com' };

describe('visit invites', () => {
  it.each(['REQUEST', 'CANCEL'] as const)('METHOD:%s with the stable UID, the SEQUENCE given and UTC times', (method) => {
    const ics = visitInvite(visit, method, party, new Date('2026-06-01T00:00:00Z'));
    const calendar = new ICAL.Component(ICAL.parse(ics));
    const event = new ICAL.Event(calendar.getFirstSubcomponent('vevent')!);
    expect(calendar.getFirstPropertyValue('method')).toBe(method);
    expect(event.uid).toBe(`${visit.bookingId}@visits`);
    expect(event.sequence).toBe(3);
    expect(ics).toMatch(/^DTSTART:20260701T080000Z$/m);
    expect(ics).toMatch(/^DTEND:20260701T093000Z$/m);
    expect(ics).toMatch(method === 'CANCEL' ? /^STATUS:CANCELLED$/m : /^STATUS:CONFIRMED$/m);
    expect(ics.toLowerCase()).toContain('mailto:ann@example.com');
  });
});
