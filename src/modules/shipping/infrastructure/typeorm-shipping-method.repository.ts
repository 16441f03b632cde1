import { Injectable } from '@nestjs/common';
import { TransactionHost } from '../../../shared/infrastructure/transaction-host';
import { ShippingMethod } from '../domain/shipping-method';
import { ShippingMethodRepository } from '../domain/shipping-method.repository.port';
import { ShippingMethodOrmEntity } from './shipping-method.orm-entity';

const ORDER = { price: 'ASC', estimatedDays: 'ASC', code: 'ASC' } as const;

@Injectable()
export class TypeOrmShippingMethodRepository extends ShippingMethodRepository {
  constructor(private readonly tx: TransactionHost) {
    super();
  }

  async all(): Promise<ShippingMethod[]> {
    return (await this.tx.manager.find(ShippingMethodOrmEntity, { order: ORDER })).map((r) => ShippingMethod.restore(r));
  }

  async active(): Promise<ShippingMethod[]> {
    return (await this.tx.manager.find(ShippingMethodOrmEntity, { where: { isActive: true }, order: ORDER })).map((r) => ShippingMethod.restore(r));
  }

  async findById(id: string): Promise<ShippingMethod | null> {
    const row = await this.tx.manager.findOneBy(ShippingMethodOrmEntity, { id });
    return row ? ShippingMethod.restore(row) : null;
  }

  async findByCode(code: string): Promise<ShippingMethod | null> {
    const row = await this.tx.manager.findOneBy(ShippingMethodOrmEntity, { code });
    return row ? ShippingMethod.restore(row) : null;
  }

  async insert(method: ShippingMethod): Promise<boolean> {
    const result = await this.tx.manager.createQueryBuilder().insert().into(ShippingMethodOrmEntity).values(method.snapshot()).orIgnore().returning('id').execute();
    return (result.raw as unknown[]).length > 0;
  }

  async update(method: ShippingMethod): Promise<void> {
    const { id, code: _code, createdAt: _created, ...fields } = method.snapshot();
    await this.tx.manager.update(ShippingMethodOrmEntity, { id }, fields);
  }
}
