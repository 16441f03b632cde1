import { Booking } from './booking';

/** A confirmed 60-minute washer repair on 1 December 2026 09:00 UTC (customer c1, technician t1), events drained. */
export function confirmedVisit(): Booking {
  const booking = Booking.create({
    orderId: 'o1',
    customerId: 'c1',
    technicianId: 't1',
    start: new Date('2026-12-01T09:00:00Z'),
    bufferMinutes: 15,
    address: '1 High Street, London N1 1AA',
    postcode: 'N1 1AA',
    notes: null,
    items: [{ serviceId: 's1', name: 'Washer repair', quantity: 1, unitPrice: 6500, durationMinutes: 60 }],
  });
  booking.confirm();
  booking.pullEvents();
  return booking;
}
