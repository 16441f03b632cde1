import { Injectable } from '@nestjs/common';
import { ROLES } from '../../../shared/domain/actor';
import { TransactionHost } from '../../../shared/infrastructure/transaction-host';
import { RoleDescription, RoleRepository } from '../domain/role.repository.port';
import { RoleOrmEntity } from './identity.orm-entity';

@Injectable()
export class TypeOrmRoleRepository extends RoleRepository {
  constructor(private readonly tx: TransactionHost) {
    super();
  }

  async list(): Promise<RoleDescription[]> {
    const rows = await this.tx.manager.getRepository(RoleOrmEntity).find();
    return rows.sort((a, b) => ROLES.indexOf(a.name) - ROLES.indexOf(b.name)).map(({ name, description }) => ({ name, description }));
  }
}
