import { Booking } from './booking';
import { BookingRescheduled } from './booking.events';
import { confirmedVisit } from './booking.fixtures';

const moves = (booking: Booking) => booking.pullEvents().filter((e): e is BookingRescheduled => e instanceof BookingRescheduled);

describe('moving a visit (BookingRescheduled)', () => {
  it('names where the visit was and is now', () => {
    const booking = confirmedVisit();
    booking.moveTo('t1', new Date('2026-12-01T13:00:00Z'), 15);
    expect(moves(booking).map((e) => e.payload)).toEqual([
      expect.objectContaining({
        technicianId: 't1',
        previousTechnicianId: 't1',
        start: '2026-12-01T13:00:00.000Z',
        end: '2026-12-01T14:00:00.000Z',
        previousStart: '2026-12-01T09:00:00.000Z',
        status: 'confirmed',
      }),
    ]);
  });

  it('raises one event for a move that took several tries (refused technicians), from the original place', () => {
    const booking = confirmedVisit();
    booking.moveTo('t1', new Date('2026-12-01T13:00:00Z'), 15); // refused by the database
    booking.moveTo('t2', new Date('2026-12-01T13:00:00Z'), 15);
    expect(moves(booking).map((e) => e.payload)).toEqual([
      expect.objectContaining({ technicianId: 't2', previousTechnicianId: 't1', previousStart: '2026-12-01T09:00:00.000Z' }),
    ]);
  });

  it('raises nothing when neither the time nor the technician changed', () => {
    const booking = confirmedVisit();
    booking.moveTo('t1', new Date('2026-12-01T09:00:00Z'), 15);
    expect(moves(booking)).toEqual([]);
  });
});
