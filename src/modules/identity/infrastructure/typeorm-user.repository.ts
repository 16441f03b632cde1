import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { EventBus } from '../../../shared/application/event-bus';
import { offsetOf, Page, pageOf } from '../../../shared/domain/page';
import { TransactionHost } from '../../../shared/infrastructure/transaction-host';
import { User } from '../domain/user';
import { UserListQuery, UserRepository } from '../domain/user.repository.port';
import { UserOrmEntity } from './identity.orm-entity';

const toDomain = (row: UserOrmEntity): User => User.restore({ ...row });

/** The columns of UserOrmEntity under its property names: the by-id read skips the query builder. */
const USER_COLUMNS = `id, email, password_hash AS "passwordHash", full_name AS "fullName", phone, address, role,
  is_active AS "isActive", created_at AS "createdAt", updated_at AS "updatedAt"`;

@Injectable()
export class TypeOrmUserRepository extends UserRepository {
  constructor(
    private readonly tx: TransactionHost,
    private readonly events: EventBus,
  ) {
    super();
  }

  private get repo() {
    return this.tx.manager.getRepository(UserOrmEntity);
  }

  /** Plain SQL: it serves users/me and every profile read, where TypeORM's query building cost more than the query. */
  async findById(id: string): Promise<User | null> {
    const rows: UserOrmEntity[] = await this.tx.manager.query(`SELECT ${USER_COLUMNS} FROM users WHERE id = $1`, [id]);
    return rows[0] ? toDomain(rows[0]) : null;
  }

  async findByIds(ids: string[]): Promise<User[]> {
    if (ids.length === 0) return [];
    return (await this.repo.findBy({ id: In(ids) })).map(toDomain);
  }

  async findByEmail(email: string): Promise<User | null> {
    const row = await this.repo
      .createQueryBuilder('u')
      .where('lower(u.email) = lower(:email)', { email: User.normalizeEmail(email) })
      .getOne();
    return row ? toDomain(row) : null;
  }

  async emailTaken(email: string): Promise<boolean> {
    return (await this.findByEmail(email)) !== null;
  }

  async save(user: User): Promise<void> {
    await this.repo.save(this.repo.create(user.snapshot()));
    await this.events.publish(user.pullEvents());
  }

  async list(query: UserListQuery): Promise<Page<User>> {
    const qb = this.repo.createQueryBuilder('u');
    if (query.role) qb.andWhere('u.role = :role', { role: query.role });
    if (query.isActive !== undefined) qb.andWhere('u.is_active = :active', { active: query.isActive });
    if (query.email) qb.andWhere("lower(u.email) LIKE :email ESCAPE '\\'", { email: `%${escapeLike(query.email.toLowerCase())}%` });
    const [rows, total] = await qb.orderBy('u.created_at', 'DESC').addOrderBy('u.id').skip(offsetOf(query)).take(query.limit).getManyAndCount();
    return pageOf(rows.map(toDomain), total, query);
  }
}

export const escapeLike = (value: string): string => value.replace(/[\\%_]/g, (c) => `\\${c}`);
