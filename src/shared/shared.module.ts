import { Global, Module } from '@nestjs/common';
import { EventBus, EventStore } from './application/event-bus';
import { UnitOfWork } from './application/unit-of-work';
import { ExclusiveJobRunner } from './infrastructure/exclusive-job';
import { OutboxEventStore } from './infrastructure/outbox.event-store';
import { TransactionHost } from './infrastructure/transaction-host';

/** The kernel every context uses: transactions, the in-transaction event bus, the outbox. */
@Global()
@Module({
  providers: [
    TransactionHost,
    { provide: UnitOfWork, useExisting: TransactionHost },
    { provide: EventStore, useClass: OutboxEventStore },
    EventBus,
    ExclusiveJobRunner,
  ],
  exports: [TransactionHost, UnitOfWork, EventBus, ExclusiveJobRunner],
})
export class SharedModule {}
