import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { EventBus } from '../../../shared/application/event-bus';
import { offsetOf, Page, pageOf } from '../../../shared/domain/page';
import { TransactionHost } from '../../../shared/infrastructure/transaction-host';
import { Booking } from '../domain/booking';
import { BookingListQuery, BookingRepository, RatingSummary } from '../domain/booking.ports';
import { Interval } from '../domain/schedule';
import { changedColumns, toBooking } from './booking.mapper';
import { BookingItemOrmEntity, BookingOrmEntity } from './booking.orm-entity';

const EXCLUSION_VIOLATION = '23P01';

@Injectable()
export class TypeOrmBookingRepository extends BookingRepository {
  constructor(
    private readonly tx: TransactionHost,
    private readonly events: EventBus,
  ) {
    super();
  }

  findById(id: string): Promise<Booking | null> {
    return this.load({ id }, false);
  }

  findByIdForUpdate(id: string): Promise<Booking | null> {
    return this.load({ id }, true);
  }

  findByOrderIdForUpdate(orderId: string): Promise<Booking | null> {
    return this.load({ orderId }, true);
  }

  async tryInsert(booking: Booking): Promise<boolean> {
    const { items, ...row } = booking.snapshot();
    // ON CONFLICT DO NOTHING also covers exclusion constraints: a taken slot writes nothing.
    const inserted = (await this.tx.manager.query(
      `INSERT INTO bookings (id, order_id, customer_id, technician_id, status, starts_at, ends_at, blocked_until, address, notes, created_at, updated_at, postcode)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) ON CONFLICT DO NOTHING RETURNING id`,
      [row.id, row.orderId, row.customerId, row.technicianId, row.status, row.start, row.end, row.blockedUntil, row.address, row.notes, row.createdAt, row.updatedAt, row.postcode],
    )) as unknown[];
    if (inserted.length === 0) return false;
    await this.tx.manager.insert(
      BookingItemOrmEntity,
      items.map((i) => ({ ...i, bookingId: row.id })),
    );
    await this.events.publish(booking.pullEvents());
    return true;
  }

  async tryMove(booking: Booking): Promise<boolean> {
    const s = booking.snapshot();
    const m = this.tx.manager;
    // A savepoint keeps the surrounding transaction usable when the constraint refuses the move.
    await m.query('SAVEPOINT booking_move');
    try {
      await m.query(`UPDATE bookings SET technician_id = $2, starts_at = $3, ends_at = $4, blocked_until = $5, updated_at = $6 WHERE id = $1`, [
        s.id,
        s.technicianId,
        s.start,
        s.end,
        s.blockedUntil,
        s.updatedAt,
      ]);
      await m.query('RELEASE SAVEPOINT booking_move');
    } catch (error) {
      await m.query('ROLLBACK TO SAVEPOINT booking_move');
      if ((error as { driverError?: { code?: string }; code?: string }).driverError?.code === EXCLUSION_VIOLATION) return false;
      throw error;
    }
    await this.events.publish(booking.pullEvents());
    return true;
  }

  async save(booking: Booking): Promise<void> {
    await this.tx.manager.update(BookingOrmEntity, { id: booking.id }, changedColumns(booking));
    await this.events.publish(booking.pullEvents());
  }

  async busy(technicianIds: string[], from: Date, to: Date, exceptBookingId?: string): Promise<Map<string, Interval[]>> {
    const result = new Map<string, Interval[]>(technicianIds.map((id) => [id, []]));
    if (!technicianIds.length) return result;
    const rows = (await this.tx.manager.query(
      `SELECT technician_id, starts_at, blocked_until FROM bookings
        WHERE technician_id = ANY($1::uuid[]) AND status <> 'cancelled' AND starts_at < $3 AND blocked_until > $2
          AND ($4::uuid IS NULL OR id <> $4::uuid)`,
      [technicianIds, from, to, exceptBookingId ?? null],
    )) as { technician_id: string; starts_at: Date; blocked_until: Date }[];
    for (const r of rows) result.get(r.technician_id)?.push({ start: r.starts_at, end: r.blocked_until });
    return result;
  }

  async list(query: BookingListQuery): Promise<Page<Booking>> {
    const qb = this.tx.manager.createQueryBuilder(BookingOrmEntity, 'b');
    if (query.customerId) qb.andWhere('b.customer_id = :customerId', { customerId: query.customerId });
    if (query.technicianId) qb.andWhere('b.technician_id = :technicianId', { technicianId: query.technicianId });
    if (query.status) qb.andWhere('b.status = :status', { status: query.status });
    if (query.activeOnly) qb.andWhere(`b.status <> 'cancelled'`);
    if (query.from) qb.andWhere('b.starts_at >= :from', { from: query.from });
    if (query.to) qb.andWhere('b.starts_at < :to', { to: query.to });
    const [rows, total] = await qb.orderBy('b.starts_at', 'ASC').addOrderBy('b.id').skip(offsetOf(query)).take(query.limit).getManyAndCount();
    const items = rows.length ? await this.tx.manager.find(BookingItemOrmEntity, { where: { bookingId: In(rows.map((r) => r.id)) } }) : [];
    return pageOf(
      rows.map((r) => toBooking(r, items.filter((i) => i.bookingId === r.id))),
      total,
      query,
    );
  }

  private async load(where: { id: string } | { orderId: string }, lock: boolean): Promise<Booking | null> {
    const m = this.tx.manager;
    const row = await m.findOne(BookingOrmEntity, { where, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    if (!row) return null;
    const items = await m.find(BookingItemOrmEntity, { where: { bookingId: row.id } });
    return toBooking(row, items);
  }

  async ratingsOf(technicianIds: string[]): Promise<Map<string, RatingSummary>> {
    const rows = (await this.tx.manager.query(
      `SELECT technician_id, avg(rating)::float8 AS average, count(*)::int AS count FROM bookings
        WHERE technician_id = ANY($1::uuid[]) AND rating IS NOT NULL GROUP BY technician_id`,
      [technicianIds],
    )) as { technician_id: string; average: number; count: number }[];
    return new Map(rows.map((r) => [r.technician_id, { average: Math.round(r.average * 100) / 100, count: r.count }]));
  }
}
