import { Injectable } from '@nestjs/common';
import { EventStore } from '../application/event-bus';
import { DomainEvent } from '../domain/domain-event';
import { OutboxDeliveryOrmEntity, OutboxOrmEntity } from './outbox.orm-entity';
import { TransactionHost } from './transaction-host';

@Injectable()
export class OutboxEventStore extends EventStore {
  constructor(private readonly tx: TransactionHost) {
    super();
  }

  async append(events: DomainEvent[], consumersOf: (eventName: string) => string[]): Promise<void> {
    await this.tx.manager.insert(
      OutboxOrmEntity,
      events.map((e) => ({
        id: e.eventId,
        name: e.name,
        aggregateId: e.aggregateId,
        payload: e.payload,
        occurredAt: e.occurredAt,
        publishedAt: null,
      })),
    );
    const deliveries = events.flatMap((e) => consumersOf(e.name).map((consumer) => ({ eventId: e.eventId, consumer })));
    if (deliveries.length) await this.tx.manager.insert(OutboxDeliveryOrmEntity, deliveries);
  }
}
