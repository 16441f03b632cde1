import { Injectable } from '@nestjs/common';
import { offsetOf, Page, pageOf } from '../../../shared/domain/page';
import { TransactionHost } from '../../../shared/infrastructure/transaction-host';
import { RepairServiceRepository, ServiceListQuery } from '../domain/catalog.ports';
import { RepairService } from '../domain/repair-service';
import { RepairServiceOrmEntity, ServiceTypeOrmEntity } from './catalog.orm-entity';

@Injectable()
export class TypeOrmRepairServiceRepository extends RepairServiceRepository {
  constructor(private readonly tx: TransactionHost) {
    super();
  }

  async findById(id: string): Promise<RepairService | null> {
    const row = await this.tx.manager.findOneBy(RepairServiceOrmEntity, { id });
    return row ? RepairService.restore(row) : null;
  }

  async save(service: RepairService): Promise<void> {
    await this.tx.manager.upsert(RepairServiceOrmEntity, service.snapshot(), ['id']);
  }

  async list(query: ServiceListQuery): Promise<Page<RepairService>> {
    const [rows, total] = await this.tx.manager.findAndCount(RepairServiceOrmEntity, {
      where: { ...(query.serviceType ? { serviceType: query.serviceType } : {}), ...(query.includeInactive ? {} : { isActive: true }) },
      order: { name: 'ASC', id: 'ASC' },
      skip: offsetOf(query),
      take: query.limit,
    });
    return pageOf(rows.map((r) => RepairService.restore(r)), total, query);
  }

  async serviceTypeExists(slug: string): Promise<boolean> {
    return this.tx.manager.existsBy(ServiceTypeOrmEntity, { slug });
  }

  listServiceTypes(): Promise<{ slug: string; name: string }[]> {
    return this.tx.manager.find(ServiceTypeOrmEntity, { order: { slug: 'ASC' } });
  }
}
