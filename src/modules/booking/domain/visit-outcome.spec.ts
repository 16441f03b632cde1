import { Actor } from '../../../shared/domain/actor';
import { Booking } from './booking';
import { confirmedVisit } from './booking.fixtures';
import { rankingRating } from './visit-outcome';

const customer: Actor = { userId: 'c1', role: 'customer', sessionId: 's' };
const technician: Actor = { userId: 't1', role: 'technician', sessionId: 's' };
const otherTechnician: Actor = { userId: 't2', role: 'technician', sessionId: 's' };
const admin: Actor = { userId: 'a1', role: 'admin', sessionId: 's' };
const REPORT = { diagnosis: 'Seized pump', workDone: 'Replaced the pump', recommendations: null };

function visitInProgress(): Booking {
  const booking = confirmedVisit();
  booking.progress('in_progress', technician);
  return booking;
}

describe('visit report, parts window and rating', () => {
  it('needs a report with a diagnosis and the work done to complete', () => {
    const booking = visitInProgress();
    expect(() => booking.progress('completed', technician)).toThrow(expect.objectContaining({ code: 'booking.report_required' }));
    expect(() => booking.progress('completed', technician, { ...REPORT, workDone: '  ' })).toThrow(/report.workDone/);
    expect(booking.status).toBe('in_progress');
    booking.progress('completed', technician, { diagnosis: ' Seized pump ', workDone: 'Replaced the pump', recommendations: '' });
    expect(booking.snapshot().report).toEqual(REPORT);
  });

  it('keeps parts open only while in progress, to its technician and admins', () => {
    const booking = visitInProgress();
    expect(() => booking.assertPartsEditable(technician)).not.toThrow();
    expect(() => booking.assertPartsEditable(admin)).not.toThrow();
    expect(() => booking.assertPartsEditable(otherTechnician)).toThrow(expect.objectContaining({ kind: 'not_found' }));
    expect(() => booking.assertPartsEditable(customer)).toThrow(expect.objectContaining({ kind: 'forbidden' }));
    booking.progress('completed', technician, REPORT);
    expect(() => booking.assertPartsEditable(technician)).toThrow(expect.objectContaining({ code: 'booking.parts_locked' }));
  });

  it('is rated once, after completion, by its customer only', () => {
    const booking = visitInProgress();
    expect(() => booking.rate(customer, 5, null)).toThrow(expect.objectContaining({ code: 'booking.not_completed' }));
    booking.progress('completed', technician, REPORT);
    expect(() => booking.rate({ userId: 'c2', role: 'customer', sessionId: 's' }, 5, null)).toThrow(expect.objectContaining({ kind: 'not_found' }));
    expect(() => booking.rate(admin, 5, null)).toThrow(expect.objectContaining({ kind: 'forbidden' }));
    expect(() => booking.rate(customer, 0, null)).toThrow(/rating/);
    expect(() => booking.rate(customer, 4.5, null)).toThrow(/rating/);
    booking.rate(customer, 4, '  Good  ');
    expect(booking.snapshot().rating).toEqual(expect.objectContaining({ rating: 4, comment: 'Good' }));
    expect(() => booking.rate(customer, 5, null)).toThrow(expect.objectContaining({ code: 'booking.already_rated' }));
  });

  it('ranks unrated technicians at the midpoint for the assignment tie-breaker', () => {
    expect(rankingRating(undefined)).toBe(3);
    expect(rankingRating({ average: null, count: 0 })).toBe(3);
    expect(rankingRating({ average: 4.5, count: 2 })).toBe(4.5);
    expect(rankingRating({ average: 1, count: 1 })).toBeLessThan(rankingRating(undefined));
  });
});
