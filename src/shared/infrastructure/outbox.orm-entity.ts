import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

@Entity('outbox')
@Index('outbox_unpublished_idx', ['occurredAt'], { where: 'published_at IS NULL' })
export class OutboxOrmEntity {
  /** The event's own id: consumers dedupe on it. */
  @PrimaryColumn('uuid') id!: string;
  @Column('text') name!: string;
  @Column('uuid', { name: 'aggregate_id' }) aggregateId!: string;
  @Column('jsonb') payload!: object;
  @Column('timestamptz', { name: 'occurred_at' }) occurredAt!: Date;
  @Column('timestamptz', { name: 'published_at', nullable: true }) publishedAt!: Date | null;
}

/** One side effect of one event: done at most once successfully, retried until then, dead after too many tries. */
@Entity('outbox_deliveries')
export class OutboxDeliveryOrmEntity {
  @PrimaryColumn('uuid', { name: 'event_id' }) eventId!: string;
  @PrimaryColumn('text') consumer!: string;
  @Column('text', { default: 'pending' }) status!: 'pending' | 'done' | 'dead';
  @Column('int', { default: 0 }) attempts!: number;
  @Column('timestamptz', { name: 'next_attempt_at', default: () => 'now()' }) nextAttemptAt!: Date;
  @Column('text', { name: 'last_error', nullable: true }) lastError!: string | null;
  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' }) updatedAt!: Date;
}
