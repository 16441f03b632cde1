import { DomainEvent } from '../domain/domain-event';

export type DomainEventHandler<E extends DomainEvent = DomainEvent> = (event: E) => Promise<void>;

/** An event class as a context's contracts/ export it: its name and version travel with it. */
export type EventContract<E extends DomainEvent> = (abstract new (...args: never[]) => E) & { eventName: string; version: number };

/**
 * Who handles which event, in which order. Subscribers name the producer's event class (from
 * its `contracts/`), so the handler gets the payload type the producer declares and a renamed
 * field breaks every subscriber at compile time. `order` places a handler among the others of
 * that event (lowest first); two may not share a place, so the order never depends on which
 * module started first.
 */
export class EventHandlers {
  private readonly byName = new Map<string, { order: number; handle: DomainEventHandler }[]>();

  subscribe<E extends DomainEvent>(event: EventContract<E>, handler: DomainEventHandler<E>, { order }: { order: number }): void {
    const list = this.byName.get(event.eventName) ?? [];
    if (list.some((h) => h.order === order)) throw new Error(`two handlers of ${event.eventName} at order ${order}: make their order explicit`);
    list.push({ order, handle: handler as DomainEventHandler });
    list.sort((a, b) => a.order - b.order);
    this.byName.set(event.eventName, list);
  }

  of(eventName: string): DomainEventHandler[] {
    return (this.byName.get(eventName) ?? []).map((h) => h.handle);
  }
}
