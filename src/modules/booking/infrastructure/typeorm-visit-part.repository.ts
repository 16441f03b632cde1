import { Injectable } from '@nestjs/common';
import { TransactionHost } from '../../../shared/infrastructure/transaction-host';
import { VisitPart, VisitPartRepository } from '../domain/booking.ports';
import { BookingPartOrmEntity } from './booking.orm-entity';

@Injectable()
export class TypeOrmVisitPartRepository extends VisitPartRepository {
  constructor(private readonly tx: TransactionHost) {
    super();
  }

  list(bookingId: string): Promise<VisitPart[]> {
    return this.tx.manager.find(BookingPartOrmEntity, { where: { bookingId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  async add(part: VisitPart): Promise<void> {
    await this.tx.manager.insert(BookingPartOrmEntity, part);
  }

  async remove(bookingId: string, partId: string): Promise<VisitPart | null> {
    const [rows] = (await this.tx.manager.query(
      `DELETE FROM booking_parts WHERE id = $1 AND booking_id = $2
       RETURNING id, booking_id AS "bookingId", product_id AS "productId", name, quantity, recorded_by AS "recordedBy", created_at AS "createdAt"`,
      [partId, bookingId],
    )) as [VisitPart[], number];
    return rows[0] ?? null;
  }
}
