import { randomUUID } from 'node:crypto';

/** Something that happened in the domain; `name` is stable and used for routing and the outbox. */
export abstract class DomainEvent<TPayload extends object = object> {
  readonly eventId = randomUUID();
  readonly occurredAt = new Date();
  abstract readonly name: string;

  constructor(
    readonly aggregateId: string,
    readonly payload: TPayload,
  ) {}
}
