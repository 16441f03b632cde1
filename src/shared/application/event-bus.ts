import { Injectable, Logger } from '@nestjs/common';
import { DomainEvent } from '../domain/domain-event';
import { DomainEventHandler, EventContract, EventHandlers } from './event-handlers';
import { SideEffectRunner, SideEffects } from './side-effects';
import { UnitOfWork } from './unit-of-work';

export type { DomainEventHandler, EventContract } from './event-handlers';

/** Where published events are also stored (the outbox), with one delivery per side effect. */
export abstract class EventStore {
  abstract append(events: DomainEvent[], consumersOf: (eventName: string) => string[]): Promise<void>;
}

/**
 * Phase one of event handling: in-process, in-transaction dispatch to handlers that keep
 * invariants. Phase two (side effects after commit) is registered with SideEffects and runs
 * from the outbox. Handlers run one after another inside the
 * publisher's transaction, so their writes commit or roll back with the change that raised
 * the event; a handler that throws aborts the whole unit of work.
 */
@Injectable()
export class EventBus {
  private readonly logger = new Logger(EventBus.name);
  private readonly handlers = new EventHandlers();

  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly store: EventStore,
    private readonly sideEffects: SideEffects,
    private readonly runner: SideEffectRunner,
  ) {}

  /** See EventHandlers: by the producer's contract, at an explicit place among the event's handlers. */
  subscribe<E extends DomainEvent>(event: EventContract<E>, handler: DomainEventHandler<E>, options: { order: number }): void {
    this.handlers.subscribe(event, handler, options);
  }

  async publish(events: DomainEvent[]): Promise<void> {
    if (events.length === 0) return;
    await this.unitOfWork.run(async () => {
      await this.store.append(events, (name) => this.sideEffects.consumersOf(name));
      const withSideEffects = events.filter((e) => this.sideEffects.immediateConsumersOf(e.name).length > 0).map((e) => e.eventId);
      if (withSideEffects.length) this.unitOfWork.afterCommit(() => this.runner.deliver(withSideEffects));
      for (const event of events) {
        for (const handle of this.handlers.of(event.name)) {
          this.logger.debug(`dispatching ${event.name} ${event.eventId}`);
          await handle(event);
        }
      }
    });
  }
}
