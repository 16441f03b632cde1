import { Injectable, Logger } from '@nestjs/common';
import { DomainEvent } from '../domain/domain-event';
import { UnitOfWork } from './unit-of-work';

export type DomainEventHandler<E extends DomainEvent = DomainEvent> = (event: E) => Promise<void>;
type EventClass<E extends DomainEvent> = abstract new (...args: never[]) => E;

/** Where published events are also stored for relaying to a broker (the outbox). */
export abstract class EventStore {
  abstract append(events: DomainEvent[]): Promise<void>;
}

/**
 * In-process, in-transaction event dispatch. Handlers run one after another inside the
 * publisher's transaction, so their writes commit or roll back with the change that raised
 * the event; a handler that throws aborts the whole unit of work.
 */
@Injectable()
export class EventBus {
  private readonly logger = new Logger(EventBus.name);
  private readonly handlers = new Map<string, DomainEventHandler[]>();

  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly store: EventStore,
  ) {}

  /**
   * By event class within a context; by name from another context, which then depends only on
   * the event's published name and payload, as a broker consumer would.
   */
  subscribe<E extends DomainEvent>(event: (EventClass<E> & { eventName: string }) | string, handler: DomainEventHandler<E>): void {
    const name = typeof event === 'string' ? event : event.eventName;
    const list = this.handlers.get(name) ?? [];
    list.push(handler as DomainEventHandler);
    this.handlers.set(name, list);
  }

  async publish(events: DomainEvent[]): Promise<void> {
    if (events.length === 0) return;
    await this.unitOfWork.run(async () => {
      await this.store.append(events);
      for (const event of events) {
        for (const handler of this.handlers.get(event.name) ?? []) {
          this.logger.debug(`dispatching ${event.name} ${event.eventId}`);
          await handler(event);
        }
      }
    });
  }
}
