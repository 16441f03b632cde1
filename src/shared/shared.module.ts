import { Global, Module } from '@nestjs/common';
import { EventBus, EventStore } from './application/event-bus';
import { IdempotencyStore } from './application/idempotency';
import { MessageBroker } from './application/message-broker';
import { AppConfig } from '../config/config';
import { SideEffectLog, SideEffectRunner, SideEffects } from './application/side-effects';
import { PgSideEffectLog } from './infrastructure/pg-side-effect-log';
import { SideEffectsController } from './presentation/side-effects.controller';
import { UnitOfWork } from './application/unit-of-work';
import { SideEffectDispatcher } from './infrastructure/side-effect-dispatcher.job';
import { ExclusiveJobRunner } from './infrastructure/exclusive-job';
import { NatsBroker } from './infrastructure/nats-broker';
import { OutboxRelay } from './infrastructure/outbox-relay.job';
import { RedisConnection } from './infrastructure/redis';
import { OutboxEventStore } from './infrastructure/outbox.event-store';
import { PgIdempotencyStore } from './infrastructure/pg-idempotency.store';
import { PurgeIdempotencyKeys } from './infrastructure/purge-idempotency-keys.job';
import { TransactionHost } from './infrastructure/transaction-host';
import { IdempotencyInterceptor } from './presentation/idempotency.interceptor';

/** The kernel every context uses: transactions, the in-transaction event bus, the outbox, idempotency, jobs. */
@Global()
@Module({
  controllers: [SideEffectsController],
  providers: [
    { provide: SideEffectLog, useClass: PgSideEffectLog },
    TransactionHost,
    { provide: UnitOfWork, useExisting: TransactionHost },
    { provide: EventStore, useClass: OutboxEventStore },
    { provide: IdempotencyStore, useClass: PgIdempotencyStore },
    EventBus,
    SideEffects,
    SideEffectDispatcher,
    { provide: SideEffectRunner, useExisting: SideEffectDispatcher },
    ExclusiveJobRunner,
    IdempotencyInterceptor,
    PurgeIdempotencyKeys,
    {
      provide: MessageBroker,
      inject: [AppConfig],
      useFactory: (config: AppConfig) => (config.outbox.natsUrl ? new NatsBroker(config.outbox.natsUrl) : null),
    },
    OutboxRelay,
    RedisConnection,
  ],
  exports: [TransactionHost, UnitOfWork, EventBus, SideEffects, ExclusiveJobRunner, IdempotencyStore, IdempotencyInterceptor, RedisConnection],
})
export class SharedModule {}
