import { Injectable } from '@nestjs/common';
import { DomainEvent } from '../domain/domain-event';
import { Page } from '../domain/page';
import type { EventContract } from './event-handlers';

/** An event as a side effect receives it after commit, read back from the outbox. */
export interface CommittedEvent<P extends object = object> {
  eventId: string;
  name: string;
  aggregateId: string;
  occurredAt: Date;
  payload: P;
}

export type SideEffectHandler<P extends object = object> = (event: CommittedEvent<P>) => Promise<void>;

export interface SideEffectRegistration {
  /** Stable name of the consumer: with the event id, what makes a delivery unique (dedupe). */
  consumer: string;
  eventName: string;
  /** Tries before the delivery is given up (dead); SIDE_EFFECT_MAX_ATTEMPTS unless set. */
  maxAttempts?: number;
  /**
   * Left to the dispatcher job (within SIDE_EFFECT_INTERVAL_MS) instead of being run by the
   * committing request before it answers: for effects nobody waits for (emails), so they add
   * no latency to the request.
   */
  deferred?: boolean;
  handler: SideEffectHandler;
}


export type PayloadOf<E> = E extends DomainEvent<infer P> ? P : never;

/**
 * The second phase of event handling: work that talks to the outside world (provider calls,
 * mail), run after the event's transaction commits, from the outbox. Each (event, consumer) is
 * one delivery row written with the event: done at least once, never again once done, retried
 * with backoff, and `dead` after `maxAttempts` (listed for admins).
 */
@Injectable()
export class SideEffects {
  private readonly byEvent = new Map<string, SideEffectRegistration[]>();

  register<E extends DomainEvent>(
    event: EventContract<E>,
    consumer: string,
    handler: SideEffectHandler<PayloadOf<E>>,
    options: { maxAttempts?: number; deferred?: boolean } = {},
  ): void {
    const list = this.byEvent.get(event.eventName) ?? [];
    if (list.some((r) => r.consumer === consumer)) throw new Error(`${consumer} already handles ${event.eventName}`);
    list.push({ consumer, eventName: event.eventName, maxAttempts: options.maxAttempts, deferred: options.deferred, handler: handler as SideEffectHandler });
    this.byEvent.set(event.eventName, list);
  }

  consumersOf(eventName: string): string[] {
    return (this.byEvent.get(eventName) ?? []).map((r) => r.consumer);
  }

  /** Consumers the committing request runs right after its commit (the others wait for the job). */
  immediateConsumersOf(eventName: string): string[] {
    return (this.byEvent.get(eventName) ?? []).filter((r) => !r.deferred).map((r) => r.consumer);
  }

  deferredConsumers(): string[] {
    return [...this.byEvent.values()].flat().filter((r) => r.deferred).map((r) => r.consumer);
  }

  find(eventName: string, consumer: string): SideEffectRegistration | undefined {
    return this.byEvent.get(eventName)?.find((r) => r.consumer === consumer);
  }
}

/** Runs due deliveries; `deliver(ids)` right after the commit that wrote them. */
export abstract class SideEffectRunner {
  abstract deliver(eventIds?: string[]): Promise<number>;
}

export const SIDE_EFFECT_STATES = ['failed', 'dead', 'pending', 'done'] as const;
/** `failed` = still being retried after at least one failure; `dead` = given up (needs an admin). */
export type SideEffectState = (typeof SIDE_EFFECT_STATES)[number];

export interface SideEffectView {
  eventId: string;
  eventName: string;
  aggregateId: string;
  consumer: string;
  state: SideEffectState;
  attempts: number;
  lastError: string | null;
  nextAttemptAt: string | null;
  occurredAt: string;
  updatedAt: string;
}

/** Side effects as admins see them: what failed, what was given up. */
export abstract class SideEffectLog {
  abstract list(query: { state: SideEffectState; page: number; limit: number }): Promise<Page<SideEffectView>>;
}
