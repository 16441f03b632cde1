import { Injectable } from '@nestjs/common';
import { offsetOf, Page, PageRequest, pageOf } from '../../../shared/domain/page';
import { TransactionHost } from '../../../shared/infrastructure/transaction-host';
import { TechnicianRepository } from '../domain/booking.ports';
import { Technician } from '../domain/technician';
import { TechnicianOrmEntity } from './booking.orm-entity';

const toDomain = (row: TechnicianOrmEntity): Technician =>
  Technician.restore({
    ...row,
    timeOff: row.timeOff.map((o) => ({ start: new Date(o.start), end: new Date(o.end), reason: o.reason })),
  });

@Injectable()
export class TypeOrmTechnicianRepository extends TechnicianRepository {
  constructor(private readonly tx: TransactionHost) {
    super();
  }

  async findById(userId: string): Promise<Technician | null> {
    const row = await this.tx.manager.findOneBy(TechnicianOrmEntity, { userId });
    return row ? toDomain(row) : null;
  }

  async save(technician: Technician): Promise<void> {
    const s = technician.snapshot();
    await this.tx.manager.upsert(
      TechnicianOrmEntity,
      { ...s, timeOff: s.timeOff.map((o) => ({ start: o.start.toISOString(), end: o.end.toISOString(), reason: o.reason })) },
      ['userId'],
    );
  }

  async findByCalendarToken(userId: string, hash: string): Promise<Technician | null> {
    const row = await this.tx.manager.findOneBy(TechnicianOrmEntity, { userId, calendarTokenHash: hash });
    return row ? toDomain(row) : null;
  }

  async list(page: PageRequest): Promise<Page<Technician>> {
    const [rows, total] = await this.tx.manager.findAndCount(TechnicianOrmEntity, {
      order: { createdAt: 'ASC', userId: 'ASC' },
      skip: offsetOf(page),
      take: page.limit,
    });
    return pageOf(rows.map(toDomain), total, page);
  }

  async findSkilled(serviceTypes: string[]): Promise<Technician[]> {
    const rows = await this.tx.manager
      .createQueryBuilder(TechnicianOrmEntity, 't')
      .where('t.is_active')
      .andWhere('t.skills @> :types', { types: serviceTypes })
      .orderBy('t.user_id')
      .getMany();
    return rows.map(toDomain);
  }
}
