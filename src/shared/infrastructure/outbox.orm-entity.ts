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
