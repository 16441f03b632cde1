import { EventHandlers } from '../../../shared/application/event-handlers';
import { ON_ORDER_CANCELLED, OrderCancelled, OrderPlaced } from './order.events';

/**
 * Subscribers are typed by the producer's contract. This file is type-checked by
 * `npm run typecheck` (part of `npm run lint`): each `@ts-expect-error` below must stay an error,
 * so a subscriber reading a field the producer renamed, or written for another event's payload,
 * does not compile.
 */
describe('order event contracts', () => {
  it('hand subscribers the payload the producer declares, in the explicit order', async () => {
    const handlers = new EventHandlers();
    const seen: unknown[] = [];
    handlers.subscribe(OrderCancelled, async (e) => void seen.push(`visit ${e.payload.orderId}`), { order: ON_ORDER_CANCELLED.cancelVisit });
    handlers.subscribe(OrderCancelled, async (e) => void seen.push(`stock ${e.payload.orderId}`), { order: ON_ORDER_CANCELLED.releaseStock });
    handlers.subscribe(
      OrderCancelled,
      async (e) => {
        seen.push(`refund ${e.payload.orderId}`);
        // @ts-expect-error a field the producer does not declare (as after a rename) breaks the subscriber
        seen.push(e.payload.orderIdentifier);
      },
      { order: ON_ORDER_CANCELLED.requestRefund },
    );
    // @ts-expect-error a handler written for another event's payload is refused
    handlers.subscribe(OrderCancelled, async (e: OrderPlaced) => void seen.push(e.payload.orderNumber), { order: 99 });

    const event = new OrderCancelled('o1', { orderId: 'o1', userId: null, previousStatus: 'pending', actorId: null, actorRole: 'system', reason: null });
    for (const handle of handlers.of(OrderCancelled.eventName)) await handle(event);
    // at run time the fields the types refused are simply missing
    expect(seen).toEqual(['stock o1', 'refund o1', undefined, 'visit o1', undefined]);
    expect(OrderCancelled.version).toBe(1);
  });

  it('refuses two handlers of one event at the same place', () => {
    const handlers = new EventHandlers();
    handlers.subscribe(OrderCancelled, async () => undefined, { order: 10 });
    expect(() => handlers.subscribe(OrderCancelled, async () => undefined, { order: 10 })).toThrow(/order 10/);
  });
});
