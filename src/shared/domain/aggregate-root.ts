import { DomainEvent } from './domain-event';

/** Aggregates collect the events they raise; the repository publishes them inside its transaction. */
export abstract class AggregateRoot {
  private pendingEvents: DomainEvent[] = [];

  protected record(event: DomainEvent): void {
    this.pendingEvents.push(event);
  }

  /** Forgets recorded events that a later change supersedes before they were handed over. */
  protected dropEvents(superseded: (event: DomainEvent) => boolean): void {
    this.pendingEvents = this.pendingEvents.filter((e) => !superseded(e));
  }

  /** Hands the recorded events over exactly once. */
  pullEvents(): DomainEvent[] {
    const events = this.pendingEvents;
    this.pendingEvents = [];
    return events;
  }
}
