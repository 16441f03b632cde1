import { EventHandlers } from '../../../shared/application/event-handlers';
import { BookingCancelled, BookingConfirmed, BookingStatusChanged } from './booking.events';

/**
 * Subscribers of visit events are typed by the booking context's contract. Type-checked by
 * `npm run typecheck` (part of `npm run lint`): each `@ts-expect-error` must stay an error, so a
 * subscriber reading a field booking renamed, or written for another event, does not compile.
 */
describe('booking event contracts', () => {
  it('hand subscribers the payload booking declares', async () => {
    const handlers = new EventHandlers();
    const seen: unknown[] = [];
    handlers.subscribe(
      BookingStatusChanged,
      async (e) => {
        seen.push(`${e.payload.bookingId} ${e.payload.from}->${e.payload.status} by ${e.payload.actorId}`);
        // @ts-expect-error a field booking does not declare (as after renaming technicianId) breaks the subscriber
        seen.push(e.payload.technician);
      },
      { order: 10 },
    );
    // @ts-expect-error a handler of BookingStatusChanged reads `from`, which BookingCancelled does not carry
    handlers.subscribe(BookingCancelled, async (e: BookingStatusChanged) => void seen.push(e.payload.from), { order: 10 });

    const event = new BookingStatusChanged('b1', { bookingId: 'b1', orderId: 'o1', technicianId: 't1', status: 'confirmed', from: 'pending', actorId: null });
    for (const handle of handlers.of(BookingStatusChanged.eventName)) await handle(event);
    expect(seen).toEqual(['b1 pending->confirmed by null', undefined]);
    expect([BookingConfirmed, BookingCancelled, BookingStatusChanged].map((c) => `${c.eventName}@${c.version}`)).toEqual([
      'BookingConfirmed@1',
      'BookingCancelled@1',
      'BookingStatusChanged@1',
    ]);
  });
});
