import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { BookingStatus } from '../domain/booking';
import type { WeeklyHours } from '../domain/schedule';

@Entity('technicians')
export class TechnicianOrmEntity {
  @PrimaryColumn('uuid', { name: 'user_id' }) userId!: string;
  @Column('text', { array: true }) skills!: string[];
  @Column('jsonb', { name: 'working_hours' }) workingHours!: WeeklyHours;
  @Column('jsonb', { name: 'time_off' }) timeOff!: { start: string; end: string; reason: string | null }[];
  @Column('text', { name: 'service_areas', array: true }) serviceAreas!: string[];
  @Column('text', { name: 'calendar_token_hash', nullable: true }) calendarTokenHash!: string | null;
  @Column('boolean', { name: 'is_active' }) isActive!: boolean;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt!: Date;
}

@Entity('bookings')
export class BookingOrmEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid', { name: 'order_id' }) orderId!: string;
  @Column('uuid', { name: 'customer_id', nullable: true }) customerId!: string | null;
  @Column('uuid', { name: 'technician_id' }) technicianId!: string;
  @Column('text') status!: BookingStatus;
  @Column('timestamptz', { name: 'starts_at' }) start!: Date;
  @Column('timestamptz', { name: 'ends_at' }) end!: Date;
  @Column('timestamptz', { name: 'blocked_until' }) blockedUntil!: Date;
  @Column('text') address!: string;
  @Column('text', { nullable: true }) postcode!: string | null;
  @Column('text', { nullable: true }) notes!: string | null;
  @Column('text', { name: 'report_diagnosis', nullable: true }) reportDiagnosis!: string | null;
  @Column('text', { name: 'report_work_done', nullable: true }) reportWorkDone!: string | null;
  @Column('text', { name: 'report_recommendations', nullable: true }) reportRecommendations!: string | null;
  @Column('smallint', { nullable: true }) rating!: number | null;
  @Column('text', { name: 'rating_comment', nullable: true }) ratingComment!: string | null;
  @Column('timestamptz', { name: 'rated_at', nullable: true }) ratedAt!: Date | null;
  @Column('uuid', { name: 'follow_up_order_id', nullable: true }) followUpOrderId!: string | null;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt!: Date;
}

@Entity('booking_items')
export class BookingItemOrmEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid', { name: 'booking_id' }) bookingId!: string;
  @Column('uuid', { name: 'service_id' }) serviceId!: string;
  @Column('text') name!: string;
  @Column('integer') quantity!: number;
  @Column('integer', { name: 'unit_price' }) unitPrice!: number;
  @Column('integer', { name: 'duration_minutes' }) durationMinutes!: number;
}

@Entity('booking_parts')
export class BookingPartOrmEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid', { name: 'booking_id' }) bookingId!: string;
  @Column('uuid', { name: 'product_id' }) productId!: string;
  @Column('text') name!: string;
  @Column('integer') quantity!: number;
  @Column('uuid', { name: 'recorded_by', nullable: true }) recordedBy!: string | null;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
}
